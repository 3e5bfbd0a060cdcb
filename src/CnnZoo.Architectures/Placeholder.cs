namespace CnnZoo.Architectures; internal static class Placeholder {}

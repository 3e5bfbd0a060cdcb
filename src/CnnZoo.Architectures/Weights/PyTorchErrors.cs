namespace CnnZoo.Architectures.Weights;

/// <summary>The two ways a PyTorch file is turned down: damaged bytes, or a well-formed file that is not a plain state_dict.</summary>
internal static class PyTorchErrors
{
    public static InvalidDataException Corrupt(string path, string what) =>
        new($"Weights file '{path}' (PyTorch) is corrupt: {what}.");

    public static InvalidDataException NotAStateDict(string path, string what) =>
        new($"Weights file '{path}' is not a plain PyTorch state_dict: {what}. Nothing was loaded; only tensors, "
            + "their storages and plain containers are read (as torch.load(weights_only=True) does), and no code in the file is run.");
}

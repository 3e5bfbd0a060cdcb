namespace CnnZoo.Cli.Rendering;

/// <summary>Options whose values are an enum's names, lower-case in help and case-insensitive on input, with a one-line error listing them.</summary>
public static class EnumOption
{
    /// <summary>Creates <paramref name="name"/> accepting the names of <typeparamref name="T"/>, defaulting to <paramref name="defaultValue"/>.</summary>
    public static Option<T> Create<T>(string name, string description, T defaultValue, params string[] aliases) where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        var option = new Option<T>(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = string.Join("|", names),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (Enum.TryParse<T>(token, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(token, out _))
                    return value;
                result.AddError($"{name} must be one of {string.Join(", ", names)}; got '{token}'.");
                return defaultValue;
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }
}

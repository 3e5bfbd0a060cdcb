namespace CnnZoo.Cli;

/// <summary>A mistake in how the command was called (unknown model, value out of range); reported as one line with exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class CliUsageException : Exception
{
    /// <summary>Creates the error with the one-line message shown to the user.</summary>
    public CliUsageException(string message) : base(message) { }

    /// <summary>Creates the error with the one-line message shown to the user and the exception behind it.</summary>
    public CliUsageException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// The user-facing text of an <see cref="ArgumentException"/> thrown by option validation, without the
    /// " (Parameter 'x')" suffix and "Actual value was" line .NET appends.
    /// </summary>
    public static string CleanMessage(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var text = ex is ArgumentException { ParamName: { } param } arg
            ? arg.Message.Replace($" (Parameter '{param}')", "", StringComparison.Ordinal)
            : ex.Message;
        var newline = text.IndexOf('\n');
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}

namespace CnnZoo.Cli;

/// <summary>Process exit codes of <c>cnnzoo</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A runtime failure: libtorch could not load, a model failed, a check (e.g. bench's parameter comparison) did not hold.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown command, option or model, or an option value out of range.</summary>
    public const int Usage = 2;
}

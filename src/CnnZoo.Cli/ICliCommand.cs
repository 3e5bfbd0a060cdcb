namespace CnnZoo.Cli;

/// <summary>
/// One <c>cnnzoo</c> sub-command. Adding a command is one class implementing this (in <c>Commands/</c>) and one line in
/// <see cref="CliApp.Commands"/>. The action returns an exit code (<see cref="ExitCodes"/>); it may throw
/// <see cref="CliUsageException"/> for usage errors and any other exception for runtime failures, which <see cref="CliApp"/>
/// turns into one line on the error stream.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command (name, description, arguments, options, action) writing through <paramref name="context"/>.</summary>
    Command Create(CliContext context);
}

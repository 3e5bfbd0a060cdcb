using System.CommandLine.Invocation;
using CnnZoo.Architectures;
using CnnZoo.Cli.Commands;

namespace CnnZoo.Cli;

/// <summary>
/// The <c>cnnzoo</c> command line, callable in-process: <see cref="Run(string[], TextWriter, TextWriter)"/> parses the
/// arguments, runs the command and returns the exit code (<see cref="ExitCodes"/>). Errors are one line on the error
/// stream (the stack trace too with <c>--verbose</c>); usage errors exit with 2, runtime failures with 1.
/// </summary>
public static class CliApp
{
    /// <summary>
    /// Every sub-command, in the order <c>--help</c> lists them. A new command is one file in <c>Commands/</c> plus one entry here.
    /// The benchmarks are a separate program (bench/CnnZoo.Benchmarks, run through <see cref="Run(string[], CliContext, IReadOnlyList{ICliCommand})"/>);
    /// here their names only point there.
    /// </summary>
    public static IReadOnlyList<ICliCommand> Commands { get; } =
    [
        new ListCommand(),
        new SummaryCommand(),
        new TrainCommand(),
        new CompareCommand(),
        new TrialCommand(),
        new EvaluateCommand(),
        new PredictCommand(),
        new ExportCommand(),
        new BenchmarksElsewhereCommand("bench"),
        new BenchmarksElsewhereCommand("bench-mlnet"),
        new BenchmarksElsewhereCommand("bench-onnx"),
    ];

    /// <summary>Runs with the process's console (colours and spinners where it is a terminal).</summary>
    public static int Run(string[] args) => Run(args, CliContext.ForProcessConsole());

    /// <summary>Runs writing results to <paramref name="output"/> and errors to <paramref name="error"/> (plain text, no colours).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, CliContext.ForWriters(output, error));

    /// <summary>Runs in the given context.</summary>
    public static int Run(string[] args, CliContext context) => Run(args, context, Commands);

    /// <summary>Runs in the given context with another set of commands (embedding the error handling and exit codes in other tools, tests).</summary>
    public static int Run(string[] args, CliContext context, IReadOnlyList<ICliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(commands);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show stack traces with errors.", Recursive = true };
        var root = CreateRootCommand(context, verbose, commands);
        ParseResult parsed;
        try
        {
            parsed = root.Parse(args);
        }
        catch (Exception ex)
        {
            return Report(context, ExitCodes.Usage, CliUsageException.CleanMessage(ex), ex, args.Contains("--verbose") || args.Contains("-v"));
        }
        context.Verbose = parsed.GetValue(verbose);

        if (parsed.Action is ParseErrorAction || (parsed.Errors.Count > 0 && parsed.Action is null))
        {
            var help = parsed.CommandResult.Command is RootCommand ? "cnnzoo --help" : $"cnnzoo {parsed.CommandResult.Command.Name} --help";
            var messages = string.Join(" ", parsed.Errors.Select(e => OneLine(e.Message)));
            context.Error.WriteLine($"error: {messages} See '{help}'.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (CliUsageException ex)
        {
            return Report(context, ExitCodes.Usage, ex.Message, ex, context.Verbose);
        }
        catch (TorchRuntimeUnavailableException ex)
        {
            return Report(context, ExitCodes.Failure, ex.Message, ex, context.Verbose);
        }
        catch (OperationCanceledException ex)
        {
            return Report(context, ExitCodes.Failure, "cancelled.", ex, context.Verbose);
        }
        catch (Exception ex)
        {
            return Report(context, ExitCodes.Failure, CliUsageException.CleanMessage(Innermost(ex)), ex, context.Verbose);
        }
    }

    /// <summary>Builds the root command with every sub-command of <see cref="Commands"/> (for help text and completion tests).</summary>
    public static RootCommand CreateRootCommand(CliContext context)
        => CreateRootCommand(context, new Option<bool>("--verbose", "-v") { Description = "Show stack traces with errors.", Recursive = true }, Commands);

    private static RootCommand CreateRootCommand(CliContext context, Option<bool> verbose, IReadOnlyList<ICliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("cnnzoo: the classic CNNs of CnnZoo.MLNet (LeNet-5, AlexNet, ZFNet, VGG, GoogLeNet, ResNet) from the command line.");
        root.Options.Add(verbose);
        foreach (var command in commands) root.Subcommands.Add(command.Create(context));
        return root;
    }

    /// <summary>A possibly multi-line parser message as one sentence ("… following? a, b, c.").</summary>
    private static string OneLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = lines.Length <= 1 ? message.Trim() : lines[0] + " " + string.Join(", ", lines[1..]);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"as expected type '([^']*)'", m =>
            m.Groups[1].Value.Contains("Int32", StringComparison.Ordinal) ? "as a whole number"
            : m.Groups[1].Value.Contains("Double", StringComparison.Ordinal) ? "as a number" : m.Value);
        return text.TrimEnd('.') + ".";
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex is System.Reflection.TargetInvocationException or TypeInitializationException or AggregateException && ex.InnerException is { } inner)
            ex = inner;
        return ex;
    }

    private static int Report(CliContext context, int exitCode, string message, Exception ex, bool verbose)
    {
        context.Error.WriteLine($"error: {message}");
        if (verbose) context.Error.WriteLine(ex.ToString());
        return exitCode;
    }
}

using Spectre.Console;

namespace CnnZoo.Cli;

/// <summary>
/// Where a command writes: plain writers for text, a Spectre console over standard output for tables, and a status
/// spinner on standard error that is shown only when standard error is a terminal (redirected output stays clean).
/// </summary>
public sealed class CliContext
{
    /// <summary>Width used for tables when output is not a terminal, wide enough that per-layer tables never wrap.</summary>
    public const int RedirectedWidth = 240;

    private CliContext(TextWriter output, TextWriter error, IAnsiConsole console, IAnsiConsole? statusConsole)
    {
        Out = output;
        Error = error;
        Console = console;
        StatusConsole = statusConsole;
    }

    /// <summary>Standard output (results).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error (errors, notes).</summary>
    public TextWriter Error { get; }

    /// <summary>Spectre console writing to <see cref="Out"/>; plain text without colours when that is not a terminal.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Spectre console on a terminal's standard error for spinners; null when none is shown.</summary>
    public IAnsiConsole? StatusConsole { get; }

    /// <summary>True when <c>--verbose</c> was given: errors include the stack trace.</summary>
    public bool Verbose { get; internal set; }

    /// <summary>A context over the process's own console streams, with colours and a spinner where they are terminals.</summary>
    public static CliContext ForProcessConsole()
    {
        var stdoutIsTerminal = !System.Console.IsOutputRedirected;
        var console = stdoutIsTerminal
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) })
            : Plain(System.Console.Out);
        IAnsiConsole? status = System.Console.IsErrorRedirected ? null
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error), Interactive = InteractionSupport.Yes });
        return new CliContext(System.Console.Out, System.Console.Error, console, status);
    }

    /// <summary>A context over arbitrary writers (tests, embedding): plain text, no colours, no spinner.</summary>
    public static CliContext ForWriters(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return new CliContext(output, error, Plain(output), null);
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>
    /// Writes a progress note: above the spinner on a terminal's standard error when there is one (so it does not break
    /// the spinner), otherwise to <paramref name="fallback"/>.
    /// </summary>
    public void Note(string line, TextWriter fallback)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fallback);
        if (StatusConsole is not null)
        {
            StatusConsole.WriteLine(line);
            return;
        }
        fallback.WriteLine(line);
        fallback.Flush();
    }

    /// <summary>
    /// Runs <paramref name="work"/> under a spinner on a terminal's standard error (nothing is shown otherwise);
    /// the callback passed to <paramref name="work"/> updates the spinner's text.
    /// </summary>
    public T WithStatus<T>(string status, Func<Action<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (StatusConsole is null) return work(_ => { });
        return StatusConsole.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(status), ctx => work(text => ctx.Status = Markup.Escape(text)));
    }
}

namespace CnnZoo.Cli.Commands;

/// <summary>A group of arguments and options that several commands share; <see cref="AddTo"/> puts the whole group on a command.</summary>
public abstract class ArgumentGroup
{
    /// <summary>The group's arguments and options, in the order help lists them.</summary>
    protected abstract IEnumerable<Symbol> Symbols { get; }

    /// <summary>Adds the group's arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var symbol in Symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Arguments.Add(argument); break;
                case Option option: command.Options.Add(option); break;
                default: throw new InvalidOperationException($"{GetType().Name} lists {symbol.GetType().Name} '{symbol.Name}', which is neither an argument nor an option.");
            }
        }
    }
}

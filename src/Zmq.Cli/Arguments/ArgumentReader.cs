using System.Globalization;

namespace Zmq.Cli.Arguments;

/// <summary>
/// Walks a command's arguments option by option. An option is <c>-x</c> or <c>--long</c>; when it
/// takes a value, that is the next argument (<c>-n 5</c>, <c>--count 5</c>) or follows an equals
/// sign (<c>--count=5</c>). Anything else is an error naming the argument.
/// </summary>
internal sealed class ArgumentReader(IReadOnlyList<string> args)
{
    /// <summary>The largest number of seconds an option accepts (about 11 days), far below what timers can hold.</summary>
    public const double MaxSeconds = 1_000_000;

    private int _next;
    private string? _attached;

    /// <summary>The current option as written, without any <c>=value</c>.</summary>
    public string Option { get; private set; } = "";

    /// <summary>Moves to the next option; false after the last.</summary>
    /// <exception cref="CliException">An argument is not an option, or a flag was given a value.</exception>
    public bool MoveNext()
    {
        if (_attached is not null)
        {
            throw CliException.Usage($"option {Option} takes no value");
        }
        if (_next >= args.Count)
        {
            return false;
        }
        string argument = args[_next++];
        if (argument.Length < 2 || argument[0] != '-' || argument == "--")
        {
            throw CliException.Usage($"unexpected argument '{argument}'");
        }
        int equals = argument.StartsWith("--", StringComparison.Ordinal) ? argument.IndexOf('=') : -1;
        Option = equals < 0 ? argument : argument[..equals];
        _attached = equals < 0 ? null : argument[(equals + 1)..];
        return true;
    }

    /// <summary>The value of the current option.</summary>
    /// <exception cref="CliException">The value is missing.</exception>
    public string Value()
    {
        if (_attached is { } attached)
        {
            _attached = null;
            return attached;
        }
        if (_next >= args.Count)
        {
            throw CliException.Usage($"option {Option} needs a value");
        }
        return args[_next++];
    }

    /// <summary>The value of the current option as a count: a whole number, at least 1.</summary>
    public long Count()
    {
        string text = Value();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count < 1)
        {
            throw CliException.Usage($"option {Option} needs a whole number of at least 1, not '{text}'");
        }
        return count;
    }

    /// <summary>The value of the current option as a duration in seconds, fractions allowed (<c>0.5</c>).</summary>
    public TimeSpan Seconds()
    {
        string text = Value();
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            || !double.IsFinite(seconds) || seconds > MaxSeconds)
        {
            throw CliException.Usage($"option {Option} needs a number of seconds such as 5 or 0.5, not '{text}'");
        }
        return TimeSpan.FromSeconds(seconds);
    }
}

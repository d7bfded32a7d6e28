using Zmq.Cli.Arguments;
using Zmq.Cli.Formats;

namespace Zmq.Cli.Running;

/// <summary>
/// The messages a command sends: <c>--data</c> (once, or <c>-n</c> times) or one message per line
/// of the input until it ends (or <c>-n</c> lines), parsed in the format of the options.
/// </summary>
internal sealed class MessageSource(CliOptions options, IMessageFormat format, TextReader input)
{
    /// <summary>Checks that <c>--data</c>, if given, holds a message in the format; call it before binding, so bad data fails at once.</summary>
    /// <exception cref="CliException">It does not.</exception>
    public void CheckData()
    {
        if (options.Data is { } data)
        {
            ParseOrThrow(data, "--data").Dispose();
        }
    }

    /// <summary>The messages, read lazily (a line of stdin is read when the next message is asked for); the caller disposes each.</summary>
    /// <param name="repeatData">Whether <c>--data</c> without <c>-n</c> repeats forever (a reply to every request) instead of being sent once.</param>
    /// <exception cref="CliException">An input line is not in the format (exit code 1).</exception>
    public IEnumerable<Message> Messages(bool repeatData = false)
    {
        if (options.Data is { } data)
        {
            long times = options.Count ?? (repeatData ? long.MaxValue : 1);
            for (long i = 0; i < times; i++)
            {
                yield return ParseOrThrow(data, "--data");
            }
            yield break;
        }
        long lineNumber = 0;
        long produced = 0;
        while (options.Count is not { } limit || produced < limit)
        {
            string? line = input.ReadLine();
            if (line is null)
            {
                yield break;
            }
            lineNumber++;
            if (Parse(line, $"stdin line {lineNumber}") is { } message)
            {
                produced++;
                yield return message;
            }
        }
    }

    private Message ParseOrThrow(string text, string where) =>
        Parse(text, where) ?? throw CliException.Usage($"{where} is blank: there is no message in it");

    private Message? Parse(string text, string where)
    {
        try
        {
            return format.Parse(text);
        }
        catch (FormatException error)
        {
            throw CliException.Usage($"{where}: {error.Message}");
        }
    }
}

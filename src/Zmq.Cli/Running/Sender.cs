using Zmq.Cli.Arguments;
using Zmq.Cli.Formats;

namespace Zmq.Cli.Running;

/// <summary>
/// The sending half of a socket command: sends <c>--data</c> (once, or <c>-n</c> times) or one
/// message per line of the input until it ends (or <c>-n</c> lines), after <c>--delay</c> and with
/// <c>--interval</c> between sends. A send that waits longer than <c>--timeout</c> ends the command with exit code 2.
/// </summary>
internal sealed class Sender(ISendingSocket socket, CliOptions options, IMessageFormat format, TextReader input)
{
    private long _sent;

    /// <summary>How many messages have been handed to the socket so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Sends every message; returns when the source is exhausted.</summary>
    /// <exception cref="CliException">A send timed out (exit code 2), or an input line is not in the format (exit code 1).</exception>
    public void Run()
    {
        if (options.Delay > TimeSpan.Zero)
        {
            Thread.Sleep(options.Delay);
        }
        foreach (Message message in Messages())
        {
            using (message)
            {
                if (Sent > 0 && options.Interval > TimeSpan.Zero)
                {
                    Thread.Sleep(options.Interval);
                }
                Send(message);
            }
        }
    }

    /// <summary>Checks that <c>--data</c>, if given, holds a message in the format; call it before binding, so bad data fails at once.</summary>
    /// <exception cref="CliException">It does not.</exception>
    public void CheckData()
    {
        if (options.Data is { } data)
        {
            ParseOrThrow(data, "--data").Dispose();
        }
    }

    private IEnumerable<Message> Messages()
    {
        if (options.Data is { } data)
        {
            for (long i = 0; i < (options.Count ?? 1); i++)
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

    private void Send(Message message)
    {
        if (options.Timeout is { } timeout)
        {
            if (!socket.TrySend(message, timeout))
            {
                throw CliException.Timeout($"could not send within {Seconds.Format(timeout)} s: no peer took the message");
            }
        }
        else
        {
            socket.Send(message);
        }
        Interlocked.Increment(ref _sent);
    }
}

using Zmq.Cli.Arguments;

namespace Zmq.Cli.Running;

/// <summary>
/// The sending half of a socket command: sends messages after <c>--delay</c> and with
/// <c>--interval</c> between sends. A send that waits longer than <c>--timeout</c> ends the command with exit code 2.
/// </summary>
internal sealed class Sender(ISendingSocket socket, CliOptions options, MessageSource source)
{
    private long _sent;
    private bool _started;

    /// <summary>How many messages have been handed to the socket so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Sends every message of the source; returns when it is exhausted.</summary>
    /// <exception cref="CliException">A send timed out (exit code 2), or an input line is not in the format (exit code 1).</exception>
    public void Run()
    {
        foreach (Message message in source.Messages())
        {
            using (message)
            {
                Send(message);
            }
        }
    }

    /// <summary>Sends <paramref name="message"/>, first waiting <c>--delay</c> (before the first send) or <c>--interval</c> (before the others).</summary>
    /// <exception cref="CliException">The send timed out (exit code 2).</exception>
    public void Send(Message message)
    {
        TimeSpan pause = _started ? options.Interval : options.Delay;
        _started = true;
        if (pause > TimeSpan.Zero)
        {
            Thread.Sleep(pause);
        }
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

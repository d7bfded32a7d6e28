using Zmq.Cli.Arguments;
using Zmq.Cli.Formats;

namespace Zmq.Cli.Running;

/// <summary>
/// The receiving half of a socket command: prints each message that arrives as one line, until
/// <c>-n</c> messages have arrived or it is stopped. Output is flushed whenever the socket has
/// nothing more waiting, so a stream of messages is written in large blocks and a trickle at once.
/// </summary>
internal sealed class Receiver(IReceivingSocket socket, CliOptions options, IMessageFormat format, TextWriter output)
{
    private long _received;

    /// <summary>How many messages have been printed so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Receives and prints until the count is reached or <paramref name="stop"/> fires.</summary>
    /// <param name="applyTimeout">Whether <c>--timeout</c> bounds each wait (not when receiving is only a side job of a sender).</param>
    /// <param name="stop">Ends the loop quietly.</param>
    /// <exception cref="CliException">Nothing arrived within the timeout (exit code 2).</exception>
    public void Run(bool applyTimeout, CancellationToken stop)
    {
        try
        {
            while (options.Count is not { } limit || Received < limit)
            {
                Message? message = Next(applyTimeout ? options.Timeout : null, stop);
                if (message is null)
                {
                    return;
                }
                using (message)
                {
                    output.WriteLine(format.Format(message));
                }
                Interlocked.Increment(ref _received);
            }
        }
        finally
        {
            output.Flush();
        }
    }

    /// <summary>The next message; null when stopped.</summary>
    private Message? Next(TimeSpan? timeout, CancellationToken stop)
    {
        if (socket.TryReceive(out Message? ready))
        {
            return ready;
        }
        output.Flush();
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        if (timeout is { } limit)
        {
            wait.CancelAfter(limit);
        }
        try
        {
            return socket.ReceiveAsync(wait.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw CliException.Timeout($"no message arrived within {Seconds.Format(timeout!.Value)} s");
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}

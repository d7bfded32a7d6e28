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
                using Message? message = Take(applyTimeout ? options.Timeout : null, "message", stop);
                if (message is null)
                {
                    return;
                }
            }
        }
        finally
        {
            output.Flush();
        }
    }

    /// <summary>
    /// Receives one message within <c>--timeout</c>, prints it and flushes the output (for
    /// conversations that print one message and then wait for something else). The caller disposes it.
    /// </summary>
    /// <param name="noun">What the message is, for the timeout error: <c>reply</c>, <c>request</c>.</param>
    /// <exception cref="CliException">Nothing arrived within the timeout (exit code 2).</exception>
    public Message ReceiveOne(string noun)
    {
        try
        {
            return Take(options.Timeout, noun, CancellationToken.None)!;
        }
        finally
        {
            output.Flush();
        }
    }

    /// <summary>The next message, printed and counted; null when stopped.</summary>
    private Message? Take(TimeSpan? timeout, string noun, CancellationToken stop)
    {
        Message? message = Next(timeout, noun, stop);
        if (message is not null)
        {
            output.WriteLine(format.Format(message));
            Interlocked.Increment(ref _received);
        }
        return message;
    }

    /// <summary>The next message; null when stopped.</summary>
    private Message? Next(TimeSpan? timeout, string noun, CancellationToken stop)
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
            throw CliException.Timeout($"no {noun} arrived within {Seconds.Format(timeout!.Value)} s");
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}

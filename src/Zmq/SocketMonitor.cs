using System.Threading.Channels;

namespace Zmq;

/// <summary>
/// Reports what happens on a socket's endpoints and connections (listening, connected, handshake
/// failures with their reason, disconnections), as libzmq's <c>zmq_socket_monitor</c> does.
/// Create one with <see cref="ZmqSocket.Monitor"/>; dispose it to stop.
/// </summary>
/// <remarks>
/// Events are queued for the reader (the 1,024 most recent are kept if nobody reads), so a
/// monitor never slows the socket down and no application code runs on the library's threads.
/// </remarks>
public sealed class SocketMonitor : IDisposable
{
    private const int Capacity = 1024;
    private readonly ZmqSocket _socket;
    private readonly Channel<SocketEvent> _channel = Channel.CreateBounded<SocketEvent>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest });

    internal SocketMonitor(ZmqSocket socket)
    {
        _socket = socket;
    }

    /// <summary>The events, oldest first. Completes when the monitor or its socket is disposed.</summary>
    public ChannelReader<SocketEvent> Events => _channel.Reader;

    /// <summary>Waits for the next event of <paramref name="kind"/>, skipping others.</summary>
    /// <exception cref="TimeoutException">No such event arrived within <paramref name="timeout"/>.</exception>
    public async Task<SocketEvent> WaitForAsync(SocketEventKind kind, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                SocketEvent next = await _channel.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
                if (next.Kind == kind)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no {kind} event within {timeout.TotalSeconds:0.###} s");
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SocketMonitor), $"the monitor closed before a {kind} event");
        }
    }

    /// <summary>Stops monitoring.</summary>
    public void Dispose()
    {
        _socket.RemoveMonitor(this);
        Complete();
    }

    internal void Post(SocketEvent socketEvent) => _channel.Writer.TryWrite(socketEvent);

    internal void Complete() => _channel.Writer.TryComplete();
}

using System.Net.Sockets;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>
/// One connection over a stream socket (tcp or ipc): an optional handshake, then a read loop and a
/// write loop, until either side closes or the peer misbehaves. Subclasses supply the wire format:
/// <see cref="Zmtp.ZmtpConnection"/> speaks ZMTP, <see cref="RawConnection"/> carries raw bytes (STREAM).
/// </summary>
/// <remarks>
/// <para>Contract: <see cref="RunAsync"/> is called once, on the thread pool, and never throws:
/// every failure becomes a reason, reported as a <see cref="SocketEventKind.HandshakeFailed"/> or
/// <see cref="SocketEventKind.Disconnected"/> event. <see cref="Close"/> may be called from any
/// thread at any time. A connection never takes the socket lock except through
/// <see cref="IPipeProvider"/> and never blocks a thread.</para>
/// <para>Read loop: receive into a buffer, decode whole messages, queue them to the socket; when the
/// queue is at the high-water mark, stop reading until it has room (TCP back-pressure). Write loop:
/// take every queued message, encode them into one buffer, write it with one call, and wait when the
/// queue is empty.</para>
/// </remarks>
internal abstract partial class StreamConnection
{
    private readonly CancellationTokenSource _stop = new();
    private Pipe? _pipe;
    private int _shutdown;
    private string? _failure;

    /// <summary>Wraps a connected stream socket.</summary>
    protected StreamConnection(Socket socket, ZmqSocket owner, SocketOptions options, string endpoint, string remoteAddress)
    {
        Socket = socket;
        Owner = owner;
        Options = options;
        Endpoint = endpoint;
        RemoteAddress = remoteAddress;
    }

    /// <summary>The peer's address, for events.</summary>
    public string RemoteAddress { get; }

    /// <summary>The operating-system socket.</summary>
    protected Socket Socket { get; }

    /// <summary>The ZeroMQ socket this connection serves.</summary>
    protected ZmqSocket Owner { get; }

    /// <summary>The socket's options when the connection started.</summary>
    protected SocketOptions Options { get; }

    /// <summary>The bound or connected endpoint, for events.</summary>
    protected string Endpoint { get; }

    /// <summary>The detail of the HandshakeSucceeded event: the peer's address, and what else the handshake learned of it.</summary>
    protected virtual string HandshakeDetail => RemoteAddress;

    /// <summary>Fires when the connection closes (cancels a handshake in progress).</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>True once the connection is closing.</summary>
    protected bool IsClosing => Volatile.Read(ref _shutdown) != 0;

    /// <summary>
    /// Runs the connection to its end. Returns true when the handshake succeeded (the connector
    /// uses this to reset its backoff).
    /// </summary>
    public async Task<bool> RunAsync(IPipeProvider provider)
    {
        bool handshook = false;
        Pipe? pipe = null;
        string reason = "closed";
        try
        {
            PeerInfo peer = await HandshakeAsync().ConfigureAwait(false);
            handshook = true;
            pipe = provider.Attach(peer);
            if (pipe is null)
            {
                reason = $"peer refused: this {Owner.Type} socket takes no more peers";
                await RefuseAsync().ConfigureAwait(false);
                Owner.Raise(SocketEventKind.HandshakeFailed, Endpoint, $"{RemoteAddress}: {reason}");
                return true;
            }
            _pipe = pipe;
            if (IsClosing)
            {
                // Closed before the pipe was known: Shutdown had no signals to wake.
                pipe.StreamEnd!.OutboundReady.Notify();
                pipe.StreamEnd.InboundSpace.Notify();
            }
            OnAttached(pipe);
            Owner.Raise(SocketEventKind.HandshakeSucceeded, Endpoint, HandshakeDetail);
            Task<string> reading = ReadLoopAsync(pipe.StreamEnd!);
            Task<string> writing = WriteLoopAsync(pipe);
            reason = await (await Task.WhenAny(reading, writing).ConfigureAwait(false)).ConfigureAwait(false);
            reason = Volatile.Read(ref _failure) ?? reason;
            Shutdown();
            await Task.WhenAll(reading, writing).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            reason = Describe(error, handshook);
            if (!handshook)
            {
                Owner.Raise(SocketEventKind.HandshakeFailed, Endpoint, $"{RemoteAddress}: {reason}");
            }
        }
        finally
        {
            Shutdown();
            ReleaseBuffers();
            if (pipe is not null)
            {
                OnDetaching(pipe);
                provider.Detach(pipe);
                Owner.Raise(SocketEventKind.Disconnected, Endpoint, $"{RemoteAddress}: {reason}");
            }
        }
        return handshook;
    }

    /// <summary>Closes the connection; the loops end and <see cref="RunAsync"/> completes.</summary>
    public void Close() => Shutdown();

    /// <summary>
    /// Closes the connection for a reason found outside the loops (a heartbeat that went
    /// unanswered, say), reported instead of what the loops say as they stop. From any thread; a
    /// connection already closing keeps its own reason.
    /// </summary>
    protected void Fail(string reason)
    {
        if (!IsClosing && Interlocked.CompareExchange(ref _failure, reason, null) is null)
        {
            Shutdown();
        }
    }

    /// <summary>Exchanges whatever the wire format needs before messages flow; returns what the peer is.</summary>
    protected abstract Task<PeerInfo> HandshakeAsync();

    /// <summary>Tells the peer it was refused (best effort), before the connection closes.</summary>
    protected virtual Task RefuseAsync() => Task.CompletedTask;

    /// <summary>The pipe is attached; messages may flow.</summary>
    protected virtual void OnAttached(Pipe pipe)
    {
    }

    /// <summary>The loops have stopped; the pipe is about to be given back.</summary>
    protected virtual void OnDetaching(Pipe pipe)
    {
    }

    /// <summary>Turns an exception into the reason reported in events.</summary>
    protected virtual string Describe(Exception error, bool handshook) => error switch
    {
        ZmqException { Error: ZmqError.Protocol } protocol => protocol.Message,
        OperationCanceledException when !handshook && !_stop.IsCancellationRequested =>
            $"handshake not completed within {Options.HandshakeInterval.TotalSeconds:0.###} s (ZMQ_HANDSHAKE_IVL)",
        OperationCanceledException or ObjectDisposedException => "closed",
        SocketException socketError => $"socket error: {socketError.SocketErrorCode}",
        EndOfStreamException => "peer closed the connection during the handshake",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private void Shutdown()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
        {
            return;
        }
        _stop.Cancel();
        try
        {
            Socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // Not connected any more: nothing to shut down.
        }
        Socket.Dispose();
        if (_pipe?.StreamEnd is { } end)
        {
            end.OutboundReady.Notify();
            end.InboundSpace.Notify();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>
/// A connected tcp or ipc endpoint: a loop that connects, runs a <see cref="StreamConnection"/>, and
/// reconnects after the reconnect interval (doubling up to the maximum, if one is set) whenever
/// the connection fails or is lost.
/// </summary>
/// <remarks>
/// Contract: the loop runs on the thread pool and never throws. Only one connection runs at a
/// time: the next attempt starts after the previous connection has fully stopped.
/// Most socket types keep one pipe for the whole life of the connect, created at once so that
/// messages queue before the peer exists and survive reconnects. Where the socket does not keep
/// pipes while disconnected (ROUTER, SUB, or ZMQ_IMMEDIATE), each successful handshake gets a
/// fresh pipe that ends with its connection.
/// </remarks>
internal sealed class StreamConnector : EndpointHandle, IPipeProvider
{
    private readonly ZmqSocket _owner;
    private readonly Endpoint _target;
    private readonly bool _keepsPipe;
    private readonly byte[]? _assignedRoutingId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private Pipe? _pipe;
    private StreamConnection? _current;

    private StreamConnector(ZmqSocket owner, Endpoint target)
        : base(target.Text, target.Text)
    {
        _owner = owner;
        _target = target;
        _keepsPipe = owner.KeepsPipesWhileDisconnected;
        _assignedRoutingId = owner.TakeConnectRoutingId();
        if (_keepsPipe)
        {
            _pipe = NewPipe(PeerInfo.NotYetConnected(owner.Type, target.Text));
            _loop = owner.AttachPipe(_pipe) ? Task.Run(ConnectLoopAsync) : Task.CompletedTask;
        }
        else
        {
            _loop = Task.Run(ConnectLoopAsync);
        }
    }

    /// <inheritdoc/>
    public override bool IsBind => false;

    /// <summary>Starts connecting to a tcp or ipc endpoint in the background.</summary>
    public static StreamConnector Start(ZmqSocket owner, Endpoint target) => new(owner, target);

    /// <inheritdoc/>
    public override async ValueTask CloseAsync()
    {
        _stop.Cancel();
        Volatile.Read(ref _current)?.Close();
        await _loop.ConfigureAwait(false);
        if (Volatile.Read(ref _pipe) is { } pipe)
        {
            _owner.DetachPipe(pipe);
        }
    }

    Pipe? IPipeProvider.Attach(PeerInfo peer)
    {
        if (_stop.IsCancellationRequested)
        {
            return null;
        }
        if (_keepsPipe)
        {
            if (_pipe!.IsDetached)
            {
                return null;
            }
            _pipe.Peer = peer;
            return _pipe;
        }
        Pipe fresh = NewPipe(peer);
        if (!_owner.AttachPipe(fresh))
        {
            return null;
        }
        Volatile.Write(ref _pipe, fresh);
        return fresh;
    }

    void IPipeProvider.Detach(Pipe pipe)
    {
        if (!_keepsPipe)
        {
            Volatile.Write(ref _pipe, null);
            _owner.OnFarSideClosed(pipe);
        }
        // Otherwise the pipe outlives its connections: queued messages wait for the next one.
    }

    private Pipe NewPipe(PeerInfo peer) => Pipe.CreateStream(_owner.Options, peer, _assignedRoutingId);

    private async Task ConnectLoopAsync()
    {
        SocketOptions options = _owner.Options;
        TimeSpan delay = options.ReconnectInterval;
        while (!_stop.IsCancellationRequested)
        {
            Socket? socket = await TryConnectAsync(options).ConfigureAwait(false);
            if (socket is not null)
            {
                StreamConnection connection = StreamConnections.Create(socket, _owner, Endpoint);
                Volatile.Write(ref _current, connection);
                if (_stop.IsCancellationRequested)
                {
                    connection.Close();
                }
                if (await connection.RunAsync(this).ConfigureAwait(false))
                {
                    delay = options.ReconnectInterval;
                }
                Volatile.Write(ref _current, null);
            }
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _owner.Raise(SocketEventKind.ConnectRetried, Endpoint, $"{delay.TotalMilliseconds:0} ms");
            try
            {
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = NextDelay(delay, options);
        }
    }

    private async Task<Socket?> TryConnectAsync(SocketOptions options)
    {
        Socket? socket = null;
        try
        {
            EndPoint address = _target switch
            {
                TcpEndpoint tcp => await StreamAddress.ForTcpConnectAsync(tcp, options.IPv6, _stop.Token).ConfigureAwait(false),
                IpcEndpoint ipc => StreamAddress.ForIpc(ipc, ipc.Path),
                _ => throw new InvalidOperationException($"not a stream endpoint: {_target.Text}"),
            };
            socket = StreamAddress.CreateSocket(address);
            await socket.ConnectAsync(address, _stop.Token).ConfigureAwait(false);
            _owner.Raise(SocketEventKind.Connected, Endpoint, StreamAddress.Describe(socket));
            return socket;
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket?.Dispose();
            return null;
        }
    }

    private static TimeSpan NextDelay(TimeSpan delay, SocketOptions options)
    {
        if (options.ReconnectIntervalMax <= TimeSpan.Zero)
        {
            return options.ReconnectInterval;
        }
        TimeSpan doubled = delay * 2;
        return doubled > options.ReconnectIntervalMax ? options.ReconnectIntervalMax : doubled;
    }
}

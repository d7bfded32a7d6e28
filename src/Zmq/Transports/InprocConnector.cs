using Zmq.Pipes;
using Zmq.Zmtp;

namespace Zmq.Transports;

/// <summary>
/// An inproc connect: a pipe whose other end is given to the bound socket when there is one. No
/// framing and no copy: the two sockets share the pipe's queues and messages move by reference.
/// Socket types that keep pipes while disconnected attach it to the connecting socket at once, so
/// messages queue before the name is bound; the others (ROUTER, SUB, ZMQ_IMMEDIATE) attach it
/// when the bound socket takes the other end.
/// </summary>
/// <remarks>
/// Contract: <see cref="PairWith"/> runs under the registry lock. When the bound socket goes away
/// the connector "reconnects": it starts a fresh pipe and waits for the name to be bound again,
/// as a tcp connect would.
/// </remarks>
internal sealed class InprocConnector : EndpointHandle, IPipeFarEnd
{
    private readonly InprocRegistry _registry;
    private readonly ZmqSocket _socket;
    private readonly bool _keepsPipe;
    private readonly byte[]? _assignedRoutingId;
    private readonly Lock _lock = new();
    private Pipe? _pipe;
    private bool _closed;

    public InprocConnector(InprocRegistry registry, ZmqSocket socket, InprocEndpoint endpoint)
        : base(endpoint.Text, endpoint.Text)
    {
        _registry = registry;
        _socket = socket;
        Name = endpoint.Name;
        _keepsPipe = socket.KeepsPipesWhileDisconnected;
        _assignedRoutingId = socket.TakeConnectRoutingId();
        _pipe = StartPipe();
    }

    /// <summary>The inproc name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override bool IsBind => false;

    /// <summary>Gives the bound socket its end of this connector's pipe.</summary>
    public void PairWith(InprocListener listener)
    {
        Pipe? connecting;
        lock (_lock)
        {
            connecting = _pipe;
        }
        if (connecting is null)
        {
            return;
        }
        ZmqSocket bound = listener.Socket;
        if (!SocketTypeRules.AreCompatible(_socket.Type, bound.Type))
        {
            _socket.Raise(SocketEventKind.HandshakeFailed, Endpoint, $"incompatible peer: a {_socket.Type} socket cannot talk to {bound.Type}");
            return;
        }
        SocketOptions mine = _socket.Options;
        SocketOptions theirs = bound.Options;
        connecting.Outbound.SetCapacity(CombinedHighWatermark(mine.SendHighWatermark, theirs.ReceiveHighWatermark));
        connecting.Inbound.SetCapacity(CombinedHighWatermark(theirs.SendHighWatermark, mine.ReceiveHighWatermark));
        connecting.Peer = new PeerInfo(bound.Type, theirs.RoutingId, "inproc", -1);
        var accepted = new Pipe(connecting.Outbound, connecting.Inbound, new PeerInfo(_socket.Type, mine.RoutingId, "inproc", -1))
        {
            FarEnd = this,
        };
        connecting.FarEnd = new BoundEnd(bound, accepted);
        if (!_keepsPipe && !_socket.AttachPipe(connecting))
        {
            _socket.Raise(SocketEventKind.HandshakeFailed, Endpoint, $"refused by this {_socket.Type} socket");
            return;
        }
        if (listener.Accept(accepted))
        {
            _socket.Raise(SocketEventKind.HandshakeSucceeded, Endpoint, "inproc");
        }
        else
        {
            _socket.Raise(SocketEventKind.HandshakeFailed, Endpoint, $"peer refused: the {bound.Type} socket takes no more peers");
            if (!_keepsPipe)
            {
                _socket.DetachPipe(connecting);
            }
        }
    }

    /// <summary>The bound socket let go of its end: start over with a fresh pipe, waiting for the next bind.</summary>
    void IPipeFarEnd.OnSocketSideClosed()
    {
        Pipe? old;
        lock (_lock)
        {
            old = _pipe;
            _pipe = null;
        }
        if (old is not null)
        {
            _socket.OnFarSideClosed(old);
            _socket.Raise(SocketEventKind.Disconnected, Endpoint, "inproc peer closed");
        }
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
        }
        Pipe? fresh = StartPipe();
        lock (_lock)
        {
            if (_closed || fresh is null)
            {
                return;
            }
            _pipe = fresh;
        }
        _registry.PairOrWait(this);
    }

    /// <inheritdoc/>
    public override ValueTask CloseAsync()
    {
        Pipe? pipe;
        lock (_lock)
        {
            _closed = true;
            pipe = _pipe;
            _pipe = null;
        }
        _registry.StopWaiting(this);
        if (pipe is not null)
        {
            _socket.DetachPipe(pipe);
        }
        return ValueTask.CompletedTask;
    }

    private Pipe? StartPipe()
    {
        SocketOptions options = _socket.Options;
        var pipe = new Pipe(
            new MessageQueue(options.ReceiveHighWatermark, options.Conflate, spinsBeforeParking: true),
            new MessageQueue(options.SendHighWatermark, options.Conflate, spinsBeforeParking: true),
            PeerInfo.NotYetConnected(_socket.Type, "inproc"))
        {
            AssignedRoutingId = _assignedRoutingId,
        };
        return !_keepsPipe || _socket.AttachPipe(pipe) ? pipe : null;
    }

    private static long CombinedHighWatermark(int sender, int receiver) =>
        sender == 0 || receiver == 0 ? 0 : (long)sender + receiver;

    /// <summary>Tells the bound socket when the connecting socket lets go of the pipe.</summary>
    private sealed class BoundEnd(ZmqSocket bound, Pipe accepted) : IPipeFarEnd
    {
        public void OnSocketSideClosed() => bound.OnFarSideClosed(accepted);
    }
}

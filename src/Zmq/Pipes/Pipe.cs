namespace Zmq.Pipes;

/// <summary>
/// One peer of a socket: the two message queues the socket shares with whoever serves the peer
/// (a connection's loops for tcp and ipc, or the peer socket itself for inproc). The pipe is the
/// only thing socket types and transports share.
/// </summary>
/// <remarks>
/// Contract: the socket (under its lock) reads <see cref="Inbound"/> and writes
/// <see cref="Outbound"/>; the far end writes <see cref="Inbound"/> and reads
/// <see cref="Outbound"/>. Either side ends the pipe by closing its own two queue ends; the other
/// side notices through the queues (<see cref="MessageQueue.IsCompleted"/>,
/// <see cref="WriteResult.Closed"/>). Fields marked "socket lock" are only touched under the
/// owning socket's lock.
/// </remarks>
internal sealed class Pipe
{
    private PeerInfo _peer;

    /// <summary>Creates a pipe over existing queues.</summary>
    public Pipe(MessageQueue inbound, MessageQueue outbound, PeerInfo peer)
    {
        Inbound = inbound;
        Outbound = outbound;
        _peer = peer;
    }

    /// <summary>Messages from the peer, read by the socket.</summary>
    public MessageQueue Inbound { get; }

    /// <summary>Messages to the peer, written by the socket.</summary>
    public MessageQueue Outbound { get; }

    /// <summary>What the peer announced; replaced when a connecting pipe reconnects.</summary>
    public PeerInfo Peer
    {
        get => Volatile.Read(ref _peer);
        set => Volatile.Write(ref _peer, value);
    }

    /// <summary>For stream transports: the connection side, which knows when queued messages reached the kernel.</summary>
    public StreamPipeEnd? StreamEnd { get; init; }

    /// <summary>Told when the socket side closes, for a far end the queues alone do not wake (an inproc peer socket).</summary>
    public IPipeFarEnd? FarEnd { get; set; }

    /// <summary>The routing id the connecting socket chose for this peer (ZMQ_CONNECT_ROUTING_ID), or null.</summary>
    public byte[]? AssignedRoutingId { get; init; }

    /// <summary>Socket lock: the id a ROUTER knows this peer by.</summary>
    public byte[]? RoutingId { get; set; }

    /// <summary>Socket lock: scratch mark a routing strategy uses to visit each pipe once per operation.</summary>
    public int Stamp { get; set; }

    /// <summary>Socket lock: true once the socket has let go of the pipe.</summary>
    public bool IsDetached { get; set; }

    /// <summary>
    /// A pipe served by tcp or ipc connections: inbound bounded by the receive high-water mark,
    /// outbound by the send high-water mark, with a <see cref="StreamPipeEnd"/> for the connections.
    /// </summary>
    public static Pipe CreateStream(SocketOptions options, PeerInfo peer, byte[]? assignedRoutingId = null)
    {
        var inbound = new MessageQueue(options.ReceiveHighWatermark, options.Conflate);
        var outbound = new MessageQueue(options.SendHighWatermark, options.Conflate);
        return new Pipe(inbound, outbound, peer)
        {
            StreamEnd = new StreamPipeEnd(inbound, outbound),
            AssignedRoutingId = assignedRoutingId,
        };
    }

    /// <summary>The socket side lets go: the peer sees end of stream and its writes fail.</summary>
    public void CloseSocketSide()
    {
        Inbound.CloseReader();
        Outbound.CompleteWriter();
    }

    /// <summary>The far side lets go: the socket drains what has arrived, and its writes fail.</summary>
    public void CloseFarSide()
    {
        Inbound.CompleteWriter();
        Outbound.CloseReader();
    }

    /// <inheritdoc/>
    public override string ToString() => $"pipe to {Peer.SocketType} at {Peer.RemoteAddress}";
}

/// <summary>
/// A far end that must be told when the socket side of a pipe closes.
/// Contract: called once, by the closing socket, with no lock held; may take the far socket's lock.
/// </summary>
internal interface IPipeFarEnd
{
    /// <summary>The socket at the other end let go of the pipe.</summary>
    void OnSocketSideClosed();
}

using Zmq.Pipes;

namespace Zmq.Sockets;

/// <summary>
/// The routing behaviour of one socket type, composed from the strategies in <c>Routing/</c>.
/// </summary>
/// <remarks>
/// Contract: every member is called by <see cref="ZmqSocket"/> with the socket lock held; none
/// blocks or calls into another socket. Messages passed to <see cref="TrySend"/> become the
/// pattern's only on success; messages returned by <see cref="TryReceive"/> become the caller's.
/// </remarks>
internal abstract class SocketPattern
{
    /// <summary>Whether the socket reads messages from its peers (false: a connection discards what a peer sends).</summary>
    public virtual bool ReceivesFromPeers => true;

    /// <summary>Whether another peer may be attached now (PAIR takes only one).</summary>
    public virtual bool CanAttach => true;

    /// <summary>A new peer is ready.</summary>
    public abstract void Attach(Pipe pipe);

    /// <summary>The socket lets go of a peer: stop using the pipe at once.</summary>
    public abstract void Detach(Pipe pipe);

    /// <summary>The peer went away: stop sending to it, but deliver what it already sent.</summary>
    public abstract void OnFarSideClosed(Pipe pipe);

    /// <summary>Routes a message; false when it cannot be queued now (the caller may wait and retry).</summary>
    public virtual bool TrySend(Message message) =>
        throw new ZmqException(ZmqError.NotSupported, "this socket type cannot send");

    /// <summary>Takes the next message for the application; false when there is none now.</summary>
    public virtual bool TryReceive(out Message message) =>
        throw new ZmqException(ZmqError.NotSupported, "this socket type cannot receive");
}

using Zmq.Pipes;

namespace Zmq.Sockets;

/// <summary>
/// The routing behaviour of one socket type, composed from the strategies in <c>Routing/</c>.
/// </summary>
/// <remarks>
/// Contract: every member is called by <see cref="ZmqSocket"/> with the socket lock held; none
/// blocks or calls into another socket. Messages are borrowed, never kept: <see cref="TrySend"/>
/// takes the frames of the caller's message on success (queued or dropped: the message is left
/// empty) and leaves it unchanged on failure or exception; <see cref="TryReceive"/> fills the
/// caller's empty message.
/// </remarks>
internal abstract class SocketPattern
{
    /// <summary>Whether the socket reads messages from its peers (false: a connection discards what a peer sends).</summary>
    public virtual bool ReceivesFromPeers => true;

    /// <summary>
    /// Whether a connecting socket keeps its pipe while the connection is down, so messages queue
    /// for the next connection (true for most types). When false, a pipe exists only while a
    /// handshake-complete connection does: ROUTER must know a peer's identity before routing to
    /// it, and SUB sends its subscriptions afresh to each new connection.
    /// </summary>
    public virtual bool KeepsPipesWhileDisconnected => true;

    /// <summary>Whether <paramref name="pipe"/> may be attached now (PAIR takes one peer; ROUTER refuses a duplicate identity).</summary>
    public virtual bool CanAttach(Pipe pipe) => true;

    /// <summary>A new peer is ready. Returns a pipe the socket must detach because the new one replaces it (ROUTER handover), or null.</summary>
    public abstract Pipe? Attach(Pipe pipe);

    /// <summary>The socket lets go of a peer: stop using the pipe at once.</summary>
    public abstract void Detach(Pipe pipe);

    /// <summary>The peer went away: stop sending to it, but deliver what it already sent.</summary>
    public abstract void OnFarSideClosed(Pipe pipe);

    /// <summary>Routes a message, leaving it empty; false (message unchanged) when it cannot be queued now (the caller may wait and retry).</summary>
    public virtual bool TrySend(Message message) =>
        throw new ZmqException(ZmqError.NotSupported, "this socket type cannot send");

    /// <summary>Moves the next message for the application into <paramref name="message"/> (empty); false when there is none now.</summary>
    public virtual bool TryReceive(Message message) =>
        throw new ZmqException(ZmqError.NotSupported, "this socket type cannot receive");
}

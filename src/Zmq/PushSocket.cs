using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// PUSH (<c>ZMQ_PUSH</c>, RFC 30): the source of a pipeline. Each message goes to one connected
/// PULL peer, in turn (round-robin among peers below their high-water mark). When every peer is
/// full, or there is none yet, a send blocks (or <c>TrySend</c> returns false); messages are never
/// dropped. Talks to PULL.
/// </summary>
public sealed class PushSocket : ZmqSocket, ISendingSocket
{
    /// <summary>Creates a PUSH socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public PushSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Push, static (send, _) => new PushPattern(send))
    {
    }
}

using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// PAIR (<c>ZMQ_PAIR</c>, RFC 31): an exclusive, two-way pipe to exactly one other PAIR socket.
/// While a peer is attached, further peers are refused; sends block while the peer is at its
/// high-water mark or absent. Talks to PAIR.
/// </summary>
public sealed class PairSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a PAIR socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public PairSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Pair, static (send, receive) => new PairPattern(send, receive))
    {
    }
}

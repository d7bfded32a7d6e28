using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// REP (<c>ZMQ_REP</c>, RFC 28): the server side of RPC. Receives a request (fairly from all
/// peers), then must send exactly one reply, which goes back to the requester through the same
/// routing envelope (so it also works behind ROUTER/DEALER brokers). Calling them out of order
/// throws <see cref="ZmqException"/> with <see cref="ZmqError.InvalidState"/>. Talks to REQ and DEALER.
/// </summary>
public sealed class RepSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a REP socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public RepSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Rep, static (_, receive) => new RepPattern(receive))
    {
    }
}

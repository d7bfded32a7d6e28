using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// PULL (<c>ZMQ_PULL</c>, RFC 30): the sink of a pipeline. Receives messages from all connected
/// PUSH peers, taking one from each in turn (fair-queuing). Talks to PUSH.
/// </summary>
public sealed class PullSocket : ZmqSocket, IReceivingSocket
{
    /// <summary>Creates a PULL socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public PullSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Pull, static (_, receive) => new PullPattern(receive))
    {
    }
}

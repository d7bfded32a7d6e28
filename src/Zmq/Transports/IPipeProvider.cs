using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>
/// Who a connection serves once its handshake succeeds: a listener (a fresh pipe per accepted
/// connection) or a connector (one pipe that outlives its connections).
/// </summary>
/// <remarks>
/// Contract: called by the connection's own task, with no lock held. <see cref="Attach"/> is
/// called at most once per connection; <see cref="Detach"/> exactly once after a non-null
/// <see cref="Attach"/>, when the connection has stopped touching the pipe.
/// </remarks>
internal interface IPipeProvider
{
    /// <summary>The pipe (with a <see cref="Pipe.StreamEnd"/>) to serve for <paramref name="peer"/>, or null to refuse the peer.</summary>
    Pipe? Attach(PeerInfo peer);

    /// <summary>The connection that served <paramref name="pipe"/> has ended.</summary>
    void Detach(Pipe pipe);
}

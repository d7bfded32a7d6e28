using Zmq.Pipes;

namespace Zmq.Sockets;

/// <summary>ZMQ_PROBE_ROUTER: an empty message sent to a peer as soon as it is attached, so a ROUTER on the other side learns the peer's id.</summary>
internal static class PipeProbe
{
    /// <summary>Queues the probe (it bypasses the high-water mark: it must not be lost).</summary>
    public static void Send(Pipe pipe)
    {
        Message probe = MessagePool.Rent();
        probe.Add(ReadOnlySpan<byte>.Empty);
        if (pipe.Outbound.TryWrite(probe, ignoreCapacity: true) == WriteResult.Written)
        {
            pipe.Outbound.Flush();
        }
        MessagePool.Return(probe);
    }
}

using Zmq.Transports;

namespace Zmq;

/// <summary>
/// The scope of <c>inproc://</c> names. Sockets created without a context share
/// <see cref="Default"/>; create another context to isolate a set of inproc endpoints (for
/// example in tests). A context holds no threads and needs no disposal.
/// </summary>
public sealed class ZmqContext
{
    /// <summary>The context used by sockets created without one.</summary>
    public static ZmqContext Default { get; } = new();

    internal InprocRegistry Inproc { get; } = new();
}

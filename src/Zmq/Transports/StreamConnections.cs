using System.Net.Sockets;
using Zmq.Zmtp;

namespace Zmq.Transports;

/// <summary>Chooses the connection type for a socket: raw bytes for STREAM, ZMTP for every other type.</summary>
internal static class StreamConnections
{
    /// <summary>Wraps an accepted or connected stream socket for <paramref name="owner"/>.</summary>
    public static StreamConnection Create(Socket socket, ZmqSocket owner, string endpoint) =>
        owner.Type == ZmqSocketType.Stream
            ? new RawConnection(socket, owner, owner.Options, endpoint, StreamAddress.Describe(socket))
            : new ZmtpConnection(socket, owner, owner.Options, endpoint, StreamAddress.Describe(socket));
}

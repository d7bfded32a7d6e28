namespace Zmq.Pipes;

/// <summary>What a peer told about itself when the pipe to it was established (immutable).</summary>
/// <param name="SocketType">The peer's socket type.</param>
/// <param name="RoutingId">The identity the peer announced (empty when none).</param>
/// <param name="RemoteAddress">Where the peer is, for diagnostics (an address, or "inproc").</param>
/// <param name="ZmtpMinor">The minor ZMTP version the peer speaks (0 or 1 for 3.x, -1 for inproc).</param>
internal sealed record PeerInfo(ZmqSocketType SocketType, ReadOnlyMemory<byte> RoutingId, string RemoteAddress, int ZmtpMinor)
{
    /// <summary>Stands in for a peer not yet known (a connecting pipe before its first handshake).</summary>
    public static PeerInfo NotYetConnected(ZmqSocketType expected, string address) => new(expected, ReadOnlyMemory<byte>.Empty, address, -1);
}

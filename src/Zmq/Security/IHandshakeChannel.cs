using Zmq.Pipes;

namespace Zmq.Security;

/// <summary>
/// What a security mechanism needs from its connection during the handshake (after the greetings,
/// up to and including READY): commands in and out, the connection's own metadata, and the check
/// of the peer's.
/// </summary>
/// <remarks>
/// Contract: called from the handshake only, one call at a time. <see cref="ReadCommandAsync"/>
/// turns an ERROR from the peer into a <see cref="Zmtp.ZmtpProtocolException"/> carrying its reason,
/// and a message frame or malformed command into one too. <see cref="AcceptPeerAsync"/> throws
/// when the peer's metadata is unacceptable, first sending the peer an ERROR when asked to (not by
/// a client that has already received the server's READY: the server is past its handshake, and
/// RFC 26 has no client ERROR at all).
/// </remarks>
internal interface IHandshakeChannel
{
    /// <summary>The socket's options as the connection started.</summary>
    SocketOptions Options { get; }

    /// <summary>The socket's context (where the ZAP handler is bound).</summary>
    ZmqContext Context { get; }

    /// <summary>The peer's IP address for ZAP: an IPv4 dotted or IPv6 text, or "" over ipc.</summary>
    string PeerAddress { get; }

    /// <summary>This side's metadata (Socket-Type, Identity) for READY or INITIATE.</summary>
    byte[] OurMetadata();

    /// <summary>Sends one command frame.</summary>
    Task SendCommandAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Reads the next command frame: its name and data.</summary>
    Task<(string Name, byte[] Data)> ReadCommandAsync(CancellationToken cancellationToken);

    /// <summary>Checks the peer's READY or INITIATE metadata (socket type, identity) and describes the peer; with <paramref name="tellPeer"/>, a refusal is sent as ERROR first.</summary>
    Task<PeerInfo> AcceptPeerAsync(byte[] metadata, bool tellPeer, CancellationToken cancellationToken);

    /// <summary>Sends an ERROR command with <paramref name="reason"/> (best effort).</summary>
    Task SendErrorAsync(string reason, CancellationToken cancellationToken);
}

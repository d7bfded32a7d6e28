using System.Buffers.Binary;
using Zmq.Pipes;

namespace Zmq.Zmtp;

/// <summary>The heartbeating half of <see cref="ZmtpConnection"/>: PINGs out, PINGs in, and silence turned into a close.</summary>
internal sealed partial class ZmtpConnection
{
    // Made by the loops' own thread before the loops start, or by the read loop on the peer's first
    // PING with a time to live; disposed after both loops have stopped.
    private Heartbeat? _heartbeat;

    // The commands waiting for the write loop, at most one of each kind: a newer PING or PONG
    // replaces one not yet sent, so a peer that floods PINGs without reading costs one PONG, not a
    // queue (RFC 37: avoid PONG storms).
    private byte[]? _pendingPing;
    private byte[]? _pendingPong;

    /// <inheritdoc/>
    protected override void OnBytesReceived() => _heartbeat?.NoteTraffic();

    /// <inheritdoc/>
    protected override void OnReadingPaused(bool paused) => _heartbeat?.NoteReadingPaused(paused);

    /// <summary>After the handshake: starts sending PINGs if the socket asks for heartbeats and the peer speaks ZMTP 3.1 (3.0 has no PING).</summary>
    private void StartHeartbeat()
    {
        if (Options.HeartbeatInterval > TimeSpan.Zero && _peerMinor >= 1)
        {
            _heartbeat = NewHeartbeat(Options.HeartbeatInterval);
        }
    }

    /// <summary>Read loop: answers a PING (RFC 37: a 2-octet TTL in tenths of a second, then up to 16 octets of context) and watches its TTL.</summary>
    private void OnPing(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data.Length > 2 + 16)
        {
            throw new ZmtpProtocolException("malformed PING: expected a 2-byte TTL and at most 16 bytes of context");
        }
        Volatile.Write(ref _pendingPong, ZmtpCommand.EncodeFrame("PONG", data[2..]));
        WakeWriter();
        int ttl = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (ttl > 0)
        {
            (_heartbeat ??= NewHeartbeat(TimeSpan.Zero)).PeerPinged(ttl);
        }
    }

    /// <inheritdoc/>
    protected override void OnDetaching(Pipe pipe) => _heartbeat?.Dispose();

    private Heartbeat NewHeartbeat(TimeSpan interval) =>
        new(interval, Options.HeartbeatTimeout, Options.HeartbeatTtl, SendPing, Fail);

    /// <summary>Heartbeat timer: has the write loop send <paramref name="ping"/> (replacing one not yet sent).</summary>
    private void SendPing(byte[] ping)
    {
        Volatile.Write(ref _pendingPing, ping);
        WakeWriter();
    }
}

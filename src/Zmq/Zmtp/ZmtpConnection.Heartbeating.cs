using System.Buffers.Binary;
using System.Collections.Concurrent;
using Zmq.Pipes;

namespace Zmq.Zmtp;

/// <summary>The heartbeating half of <see cref="ZmtpConnection"/>: PINGs out, PINGs in, and silence turned into a close.</summary>
internal sealed partial class ZmtpConnection
{
    // Made by the loops' own thread before the loops start, or by the read loop on the peer's first
    // PING with a time to live; disposed after both loops have stopped.
    private Heartbeat? _heartbeat;

    /// <summary>Commands for the write loop to send ahead of messages (PINGs, PONGs); made on first use, from any thread.</summary>
    private ConcurrentQueue<byte[]> Control =>
        Volatile.Read(ref _control)
        ?? Interlocked.CompareExchange(ref _control, new ConcurrentQueue<byte[]>(), null)
        ?? _control;

    /// <inheritdoc/>
    protected override void OnBytesReceived() => _heartbeat?.NoteTraffic();

    /// <summary>After the handshake: starts sending PINGs if the socket asks for heartbeats.</summary>
    private void StartHeartbeat()
    {
        if (Options.HeartbeatInterval > TimeSpan.Zero)
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
        SendControl(ZmtpCommand.EncodeFrame("PONG", data[2..]));
        int ttl = BinaryPrimitives.ReadUInt16BigEndian(data);
        if (ttl > 0)
        {
            (_heartbeat ??= NewHeartbeat(TimeSpan.Zero)).PeerPinged(ttl);
        }
    }

    /// <inheritdoc/>
    protected override void OnDetaching(Pipe pipe) => _heartbeat?.Dispose();

    private Heartbeat NewHeartbeat(TimeSpan interval) =>
        new(interval, Options.HeartbeatTimeout, Options.HeartbeatTtl, SendControl, Fail);

    /// <summary>Queues a command frame for the write loop and wakes it; from any thread.</summary>
    private void SendControl(byte[] frame)
    {
        Control.Enqueue(frame);
        WakeWriter();
    }
}

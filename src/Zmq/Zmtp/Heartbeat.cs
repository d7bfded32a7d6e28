using System.Buffers.Binary;
using System.Diagnostics;

namespace Zmq.Zmtp;

/// <summary>
/// ZMTP 3.1 connection heartbeating (RFC 37, "Connection Heartbeating") for one connection: a PING
/// every interval, and the verdict that the peer has gone silent, either for the timeout after one
/// of our PINGs or for the time to live the peer announced in one of its own.
/// </summary>
/// <remarks>
/// <para>Any traffic counts as a sign of life, not only PONG: the read loop calls
/// <see cref="NoteTraffic"/> after every receive, which only increments a counter; the timer
/// compares it with the value it saw when the PING went out.</para>
/// <para>Contract: <see cref="NoteTraffic"/>, <see cref="NoteReadingPaused"/> and
/// <see cref="PeerPinged"/> are called by the connection's read loop only; the timer runs on the thread pool. <c>sendPing</c> and
/// <c>fail</c> are called from the timer, never under this object's lock, and must not block;
/// <c>fail</c> is called at most once. After <see cref="Dispose"/> neither is called again
/// (a timer callback already running may still finish).</para>
/// </remarks>
internal sealed class Heartbeat : IDisposable
{
    /// <summary>The largest time to live a PING can carry: 65,535 tenths of a second.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMilliseconds(ushort.MaxValue * 100.0);

    // Durations and instants in Stopwatch ticks.
    private readonly long _interval;
    private readonly long _timeout;
    private readonly byte[] _ping;
    private readonly Action<byte[]> _sendPing;
    private readonly Action<string> _fail;
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private int _traffic;
    private bool _readingPaused;

    // Under _lock.
    private long _nextPingAt;
    private bool _awaitingTraffic;
    private int _trafficAtPing;
    private long _pingSentAt;
    private bool _peerTtlArmed;
    private int _trafficAtPeerPing;
    private long _peerDeadline;
    private long _peerTtl;
    private bool _stopped;

    /// <summary>
    /// Starts heartbeating: a PING (announcing <paramref name="ttl"/>) every <paramref name="interval"/>
    /// (zero: none, only the peer's TTL is watched), and a failure when nothing arrives within
    /// <paramref name="timeout"/> (zero: the interval) of a PING.
    /// </summary>
    public Heartbeat(TimeSpan interval, TimeSpan timeout, TimeSpan ttl, Action<byte[]> sendPing, Action<string> fail)
    {
        _interval = Ticks(interval);
        _timeout = timeout > TimeSpan.Zero ? Ticks(timeout) : _interval;
        _ping = EncodePing(ttl);
        _sendPing = sendPing;
        _fail = fail;
        _timer = new Timer(static state => ((Heartbeat)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        if (_interval > 0)
        {
            lock (_lock)
            {
                long now = Stopwatch.GetTimestamp();
                _nextPingAt = now + _interval;
                Reschedule(now);
            }
        }
    }

    /// <summary>Read loop: bytes arrived from the peer.</summary>
    public void NoteTraffic() => Volatile.Write(ref _traffic, _traffic + 1);

    /// <summary>
    /// Read loop: it stops reading (the socket's queue is full) or starts again. While it does not
    /// read, whatever the peer sends waits in the kernel unseen, so the silence proves nothing and
    /// counts as traffic; starting again counts as traffic too.
    /// </summary>
    public void NoteReadingPaused(bool paused)
    {
        Volatile.Write(ref _readingPaused, paused);
        NoteTraffic();
    }

    /// <summary>Read loop: the peer sent a PING announcing <paramref name="ttlTenths"/> tenths of a second to live (zero: none).</summary>
    public void PeerPinged(int ttlTenths)
    {
        if (ttlTenths == 0)
        {
            return;
        }
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }
            long now = Stopwatch.GetTimestamp();
            _peerTtl = Ticks(TimeSpan.FromMilliseconds(ttlTenths * 100L));
            _peerTtlArmed = true;
            _trafficAtPeerPing = _traffic;
            _peerDeadline = now + _peerTtl;
            Reschedule(now);
        }
    }

    /// <summary>Stops the timer; nothing is sent or reported afterwards.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
        }
        _timer.Dispose();
    }

    /// <summary>The PING command frame for <paramref name="ttl"/> (rounded down to tenths of a second), with an empty context.</summary>
    public static byte[] EncodePing(TimeSpan ttl)
    {
        Span<byte> data = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)Math.Min(ushort.MaxValue, (long)(ttl.TotalMilliseconds / 100)));
        return ZmtpCommand.EncodeFrame("PING", data);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static long Milliseconds(long ticks) => (long)Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;

    private void OnTimer()
    {
        string? failure = null;
        bool ping = false;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }
            long now = Stopwatch.GetTimestamp();
            int traffic = Volatile.Read(ref _traffic);
            bool paused = Volatile.Read(ref _readingPaused);
            if (_awaitingTraffic && (paused || traffic != _trafficAtPing))
            {
                _awaitingTraffic = false;
            }
            if (_peerTtlArmed && (paused || traffic != _trafficAtPeerPing))
            {
                _peerTtlArmed = false;
            }
            if (_awaitingTraffic && now >= _pingSentAt + _timeout)
            {
                failure = $"heartbeat: no traffic from the peer for {Milliseconds(_timeout)} ms after a PING (ZMQ_HEARTBEAT_TIMEOUT)";
            }
            else if (_peerTtlArmed && now >= _peerDeadline)
            {
                failure = $"heartbeat: no traffic from the peer within the {Milliseconds(_peerTtl)} ms time to live of its PING";
            }
            else if (_interval > 0 && now >= _nextPingAt)
            {
                ping = true;
                _nextPingAt = now + _interval;
                if (!_awaitingTraffic)
                {
                    // Timed from the first PING still unanswered, so repeated PINGs cannot put the verdict off.
                    _awaitingTraffic = true;
                    _trafficAtPing = traffic;
                    _pingSentAt = now;
                }
            }
            if (failure is not null)
            {
                _stopped = true;
            }
            else
            {
                Reschedule(now);
            }
        }
        if (failure is not null)
        {
            _fail(failure);
        }
        else if (ping)
        {
            _sendPing(_ping);
        }
    }

    /// <summary>Under the lock: arms the timer for the earliest thing still to do or check.</summary>
    private void Reschedule(long now)
    {
        long due = long.MaxValue;
        if (_interval > 0)
        {
            due = _nextPingAt;
        }
        if (_awaitingTraffic)
        {
            due = Math.Min(due, _pingSentAt + _timeout);
        }
        if (_peerTtlArmed)
        {
            due = Math.Min(due, _peerDeadline);
        }
        if (due != long.MaxValue)
        {
            // Rounded up: a timer that fires early finds nothing due and is armed again.
            long wait = (long)Math.Ceiling(Stopwatch.GetElapsedTime(now, due).TotalMilliseconds);
            _timer.Change(Math.Clamp(wait, 1, int.MaxValue), Timeout.Infinite);
        }
    }
}

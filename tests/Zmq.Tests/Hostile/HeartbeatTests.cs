using System.Diagnostics;
using Zmq.Tests.Support;
using Zmq.Zmtp;

namespace Zmq.Tests.Hostile;

/// <summary>
/// ZMTP heartbeats (RFC 37, "Connection Heartbeating"; ZMQ_HEARTBEAT_IVL, _TIMEOUT, _TTL) against raw
/// clients written from the RFC: the PINGs a socket sends, the PONGs it answers with, and the
/// silent peers it closes, including one that stops in the middle of a frame.
/// </summary>
public sealed class HeartbeatTests : HostileTestBase
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void EncodePing_CarriesTheTtlInTenthsOfASecondAndNoContext()
    {
        // ping = command-size %d4 "PING" ping-ttl ping-context
        Assert.Equal([0x04, 7, 4, (byte)'P', (byte)'I', (byte)'N', (byte)'G', 0x00, 25], Heartbeat.EncodePing(TimeSpan.FromMilliseconds(2599)));
        Assert.Equal([0x04, 7, 4, (byte)'P', (byte)'I', (byte)'N', (byte)'G', 0xFF, 0xFF], Heartbeat.EncodePing(Heartbeat.MaxTtl));
        Assert.Equal([0x04, 7, 4, (byte)'P', (byte)'I', (byte)'N', (byte)'G', 0x00, 0x00], Heartbeat.EncodePing(TimeSpan.Zero));
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingTheOption()
    {
        using var socket = new PullSocket();

        Assert.Equal("HeartbeatInterval", Assert.Throws<ArgumentOutOfRangeException>(() => socket.HeartbeatInterval = TimeSpan.FromMilliseconds(-1)).ParamName);
        Assert.Equal("HeartbeatTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => socket.HeartbeatTimeout = TimeSpan.FromDays(30)).ParamName);
        Assert.Equal("HeartbeatTtl", Assert.Throws<ArgumentOutOfRangeException>(() => socket.HeartbeatTtl = TimeSpan.FromSeconds(6553.6)).ParamName);
        socket.HeartbeatTtl = Heartbeat.MaxTtl;
        Assert.Equal(Heartbeat.MaxTtl, socket.HeartbeatTtl);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_WithHeartbeatInterval_SendsPingsCarryingItsTtl(TransportKind transport)
    {
        await using PullArena arena = await HeartbeatingArenaAsync(transport, TimeSpan.FromSeconds(5), ttl: TimeSpan.FromSeconds(2.5));
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        await AnswerPingsAsync(raw, 3, expectedTtl: [0x00, 25]);

        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_PeerSilentAfterPing_ClosesWithTheHeartbeatTimeoutAsReason(TransportKind transport)
    {
        await using PullArena arena = await HeartbeatingArenaAsync(transport, TimeSpan.FromMilliseconds(200));
        var silence = Stopwatch.StartNew(); // before the connection exists, so before its first PING
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);

        Assert.True(silence.Elapsed >= TimeSpan.FromMilliseconds(250), $"closed {silence.ElapsedMilliseconds} ms after connecting, before the first PING (50 ms) and its timeout (200 ms)");
        AssertReason(disconnected, "heartbeat", "ZMQ_HEARTBEAT_TIMEOUT");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers(); // the library's own PUSH answers the PINGs and stays
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_PeerThatAnswersEveryPing_StaysConnectedLongPastTheTimeout(TransportKind transport)
    {
        await using PullArena arena = await HeartbeatingArenaAsync(transport, TimeSpan.FromSeconds(1));
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        // Fifty PINGs take at least 2.5 s, two and a half times the timeout; each PONG is the only traffic.
        await AnswerPingsAsync(raw, 50, expectedTtl: [0x00, 0x00]);
        await raw.SendAsync(ZmtpWire.MessageFrame("still here"));

        Assert.Equal("still here", arena.Pull.ReceiveWithin().GetString(0));
        await Assert.ThrowsAsync<TimeoutException>(() => arena.WaitForEventAsync(SocketEventKind.Disconnected, raw, TimeSpan.FromMilliseconds(100)));
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_PeerPingsWithTtlThenFallsSilent_AnswersPongThenClosesWithTheTtlAsReason(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport); // no heartbeats of its own
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        var silence = Stopwatch.StartNew(); // before the server can have the PING
        await raw.SendAsync(ZmtpWire.Command("PING", [0x00, 3, (byte)'c', (byte)'t', (byte)'x'])); // 300 ms to live
        RawFrame pong = await raw.ReadCommandAsync("PONG");
        Assert.Equal("ctx"u8.ToArray(), pong.CommandData);

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);

        Assert.True(silence.Elapsed >= TimeSpan.FromMilliseconds(300), $"closed after {silence.ElapsedMilliseconds} ms, before the TTL");
        AssertReason(disconnected, "heartbeat", "time to live");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_PeerPingsWithTtlThenSendsTraffic_StaysOpenAfterTheTtl(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendAsync(ZmtpWire.Command("PING", [0x00, 5])); // 500 ms to live
        await raw.ReadCommandAsync("PONG");
        await raw.SendAsync(ZmtpWire.MessageFrame("traffic"));
        Assert.Equal("traffic", arena.Pull.ReceiveWithin().GetString(0));

        // Traffic after the PING disarms its TTL until the next PING: more than twice the TTL passes quietly.
        await Assert.ThrowsAsync<TimeoutException>(() => arena.WaitForEventAsync(SocketEventKind.Disconnected, raw, TimeSpan.FromMilliseconds(1200)));
        await raw.SendAsync(ZmtpWire.MessageFrame("later"));
        Assert.Equal("later", arena.Pull.ReceiveWithin().GetString(0));
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_PeerStopsInTheMiddleOfAFrame_HeartbeatClosesIt(TransportKind transport)
    {
        await using PullArena arena = await HeartbeatingArenaAsync(transport, TimeSpan.FromMilliseconds(200));
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        // A frame announcing 1,000 bytes, 10 of them, then nothing: not even answers to the PINGs.
        await raw.SendAsync([.. ZmtpWire.LongHeader(0x00, 1000), .. new byte[10]]);

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "heartbeat");
        await raw.AssertClosedByServerAsync();
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? partial), $"a partial message was delivered: {partial}");
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Fact(Timeout = 30000)]
    public async Task PeerPingWithMalformedTtl_ClosesWithAProtocolReason()
    {
        await using PullArena arena = await PullArena.StartAsync(TransportKind.Tcp);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendIgnoringResetAsync(ZmtpWire.Command("PING", [0x00])); // a 1-byte TTL

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "PING");
        arena.AssertPushDelivers();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task HeartbeatingPushAndPull_IdleForManyTimeouts_StayConnectedAndDeliver(TransportKind transport)
    {
        using var pull = new PullSocket { HeartbeatInterval = Interval, HeartbeatTimeout = TimeSpan.FromSeconds(1), HeartbeatTtl = TimeSpan.FromSeconds(1.5) };
        using SocketMonitor pullEvents = pull.Monitor();
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        using var push = new PushSocket { HeartbeatInterval = Interval, HeartbeatTimeout = TimeSpan.FromSeconds(1), HeartbeatTtl = TimeSpan.FromSeconds(1.5) };
        push.Connect(endpoint);
        await pullEvents.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);

        // Idle for two and a half timeouts and nearly two TTLs: only PINGs and PONGs cross.
        await Assert.ThrowsAsync<TimeoutException>(() => pullEvents.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromMilliseconds(2500)));

        push.Send(new Message("after the quiet"));
        Assert.Equal("after the quiet", pull.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task ApplicationNotReading_BackPressureSilenceIsNotTakenForADeadPeer(TransportKind transport)
    {
        // The PULL keeps 10 messages; its application reads none for a while, so the connection
        // stops reading and the peer's PONGs wait unseen in the kernel: that is no reason to close.
        using var pull = new PullSocket { ReceiveHighWatermark = 10, HeartbeatInterval = Interval, HeartbeatTimeout = TimeSpan.FromMilliseconds(200) };
        using SocketMonitor events = pull.Monitor();
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        using var push = new PushSocket { SendTimeout = TimeSpan.FromSeconds(10) };
        push.Connect(endpoint);
        for (int i = 0; i < 2000; i++)
        {
            push.Send(new Message($"m{i}"));
        }

        await Assert.ThrowsAsync<TimeoutException>(() => events.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromSeconds(1)));
        for (int i = 0; i < 2000; i++)
        {
            Assert.Equal($"m{i}", pull.ReceiveWithin().GetString(0));
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task PingBetweenTheFramesOfAMessage_IsAnsweredAndTheMessageArrivesWhole(TransportKind transport)
    {
        // libzmq 4.3 sends its heartbeat PINGs wherever its timer fires, also between frames.
        await using PullArena arena = await PullArena.StartAsync(transport);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendAsync([
            .. ZmtpWire.MessageFrame("first", more: true), .. ZmtpWire.Command("PING", [0, 0, (byte)'m', (byte)'i', (byte)'d']),
            .. ZmtpWire.MessageFrame("second", more: true), .. ZmtpWire.Command("PONG", []), .. ZmtpWire.MessageFrame("last")]);

        Assert.Equal("mid"u8.ToArray(), (await raw.ReadCommandAsync("PONG")).CommandData);
        Assert.Equal(["first", "second", "last"], arena.Pull.ReceiveWithin().Strings());
        AssertNoUnobservedTaskExceptions();
    }

    [Fact(Timeout = 30000)]
    public async Task Zmtp30Peer_GetsNoPings()
    {
        // RFC 23 (ZMTP 3.0) has no PING: a 3.0 peer could take one for a protocol error.
        await using PullArena arena = await HeartbeatingArenaAsync(TransportKind.Tcp, TimeSpan.FromMilliseconds(200));
        RawZmtpClient raw = await arena.ConnectRawAsync();
        await raw.SendAsync(ZmtpWire.Greeting(minor: 0));
        await raw.ReadExactlyAsync(64);
        await raw.SendAsync(ZmtpWire.Ready("PUSH"));
        await raw.ReadCommandAsync("READY");

        Assert.True(raw.StaysOpenAndQuiet(TimeSpan.FromMilliseconds(400)), "the server sent something (a PING?) to a ZMTP 3.0 peer");
        await raw.SendAsync(ZmtpWire.MessageFrame("from 3.0"));
        Assert.Equal("from 3.0", arena.Pull.ReceiveWithin().GetString(0));
        AssertNoUnobservedTaskExceptions();
    }

    /// <summary>An arena whose PULL sends a PING every <see cref="Interval"/> with <paramref name="timeout"/> and <paramref name="ttl"/>.</summary>
    private static Task<PullArena> HeartbeatingArenaAsync(TransportKind transport, TimeSpan timeout, TimeSpan ttl = default) =>
        PullArena.StartAsync(transport, pull =>
        {
            pull.HeartbeatInterval = Interval;
            pull.HeartbeatTimeout = timeout;
            pull.HeartbeatTtl = ttl;
        });

    /// <summary>Reads <paramref name="count"/> PINGs, checking each carries <paramref name="expectedTtl"/> and no context, and answers each with a PONG.</summary>
    private static async Task AnswerPingsAsync(RawZmtpClient raw, int count, byte[] expectedTtl)
    {
        for (int i = 0; i < count; i++)
        {
            RawFrame ping = await raw.ReadCommandAsync("PING");
            Assert.Equal(expectedTtl, ping.CommandData);
            await raw.SendAsync(ZmtpWire.Command("PONG", []));
        }
    }
}

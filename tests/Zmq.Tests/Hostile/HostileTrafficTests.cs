using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// Raw clients that complete a valid NULL handshake as PUSH and then misbehave: impossible frame
/// sizes, huge announced frames, cut frames, unknown commands, messages over ZMQ_MAXMSGSIZE.
/// </summary>
public sealed class HostileTrafficTests : HostileTestBase
{
    /// <summary>Bytes sent after the handshake that must disconnect the peer, and words the reason must contain.</summary>
    private static (byte[] Bytes, string[] Keywords) Attack(string name) => name switch
    {
        "size-2^63" => (ZmtpWire.LongHeader(0x00, 0x8000000000000000UL), ["2^63"]),
        "size-2^64-1" => (ZmtpWire.LongHeader(0x01, ulong.MaxValue), ["2^63"]),
        // 2 GiB is one more than a .NET array can hold (Array.MaxLength): refused as too large.
        "size-2GiB" => ([.. ZmtpWire.LongHeader(0x00, 0x80000000UL), 1, 2, 3], ["2147483648"]),
        "unknown-command" => (ZmtpWire.Command("HELLO", "world"u8), ["HELLO"]),
        "second-ready" => (ZmtpWire.Ready("PUSH"), ["READY"]),
        "error-command" => (ZmtpWire.Error("bye now"), ["bye now"]),
        "reserved-flags" => ([0x10, 0x01, 0x41], ["reserved"]),
        "command-with-more" => ([0x05, 0x05, 0x04, .. "PING"u8], ["MORE"]),
        "malformed-command" => ([0x04, 0x03, 0x09, 0x41, 0x42], ["command"]),
        "non-letter-command" => (ZmtpWire.Command("P1NG", [0, 0]), ["command"]),
        // PING and PONG are taken between frames (libzmq sends them there); no other command is.
        "command-mid-multipart" => ([.. ZmtpWire.MessageFrame("part", more: true), .. ZmtpWire.Command("SUBSCRIBE", "x"u8)], ["SUBSCRIBE", "multipart"]),
        "ping-context-too-long" => (ZmtpWire.Command("PING", [0, 0, .. new byte[17]]), ["PING"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<TransportKind, string> TrafficAttacks
    {
        get
        {
            string[] attacks =
            [
                "size-2^63", "size-2^64-1", "size-2GiB", "unknown-command", "second-ready", "error-command", "reserved-flags",
                "command-with-more", "malformed-command", "non-letter-command", "command-mid-multipart", "ping-context-too-long",
            ];
            var data = new TheoryData<TransportKind, string>();
            foreach (TransportKind transport in new[] { TransportKind.Tcp, TransportKind.Ipc })
            {
                foreach (string attack in attacks)
                {
                    data.Add(transport, attack);
                }
            }
            return data;
        }
    }

    public static TheoryData<TransportKind, string> Cuts
    {
        get
        {
            var data = new TheoryData<TransportKind, string>();
            foreach (TransportKind transport in new[] { TransportKind.Tcp, TransportKind.Ipc })
            {
                foreach (string cut in new[] { "short-body", "long-body", "long-header", "flags-only", "after-more-frame", "inside-second-frame" })
                {
                    data.Add(transport, cut);
                }
            }
            return data;
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TrafficAttacks))]
    public async Task BoundPull_ProtocolViolationAfterHandshake_DisconnectsWithReasonAndPushKeepsDelivering(TransportKind transport, string attack)
    {
        (byte[] bytes, string[] keywords) = Attack(attack);
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await HandshakenRawAsync(arena);
        await raw.SendAsync(ZmtpWire.MessageFrame("raw before attack"));
        using (Message before = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["raw before attack"], before.Strings());
        }

        await raw.SendIgnoringResetAsync(bytes);

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, keywords);
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_FrameAnnouncingNearly2GiBThenSilence_StaysOpenWithoutAllocatingUntilClientLeaves(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await HandshakenRawAsync(arena);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        // The largest frame a .NET array can hold (2 GiB - 57 bytes), then 1000 of its bytes and nothing more.
        await raw.SendAsync([.. ZmtpWire.LongHeader(0x00, (ulong)Array.MaxLength), .. new byte[1000]]);

        arena.AssertPushDelivers();
        await Assert.ThrowsAsync<TimeoutException>(() => arena.WaitForEventAsync(SocketEventKind.Disconnected, raw, TimeSpan.FromSeconds(1)));
        Assert.True(raw.StaysOpenAndQuiet(TimeSpan.FromMilliseconds(200)), "the server closed a connection that is merely slow");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        // Process-wide (other tests run in parallel), so the bound is loose; allocating the announced 2 GiB would exceed it.
        Assert.True(allocated < 1536L * 1024 * 1024, $"{allocated} bytes allocated while a peer announced a 2 GiB frame");
        arena.AssertPushDelivers();

        raw.Dispose();

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "middle");
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Cuts))]
    public async Task BoundPull_ClientLeavesMidFrame_ReportsItAndDeliversNothingPartial(TransportKind transport, string cut)
    {
        byte[] bytes = cut switch
        {
            "short-body" => [0x00, 100, .. new byte[10]],
            "long-body" => [.. ZmtpWire.LongHeader(0x00, 100_000), .. new byte[50_000]],
            "long-header" => ZmtpWire.LongHeader(0x00, 100_000)[..5],
            "flags-only" => [0x01],
            "after-more-frame" => ZmtpWire.MessageFrame("first part", more: true),
            "inside-second-frame" => [.. ZmtpWire.MessageFrame("first part", more: true), 0x00, 50, .. "second"u8],
            _ => throw new ArgumentOutOfRangeException(nameof(cut), cut, null),
        };
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendAsync(bytes);
        raw.Dispose();

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "middle");
        arena.AssertPushDelivers(); // receives exactly the PUSH's message: no partial message from the raw client
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? leftover), $"a partial message was delivered: {leftover}");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_MessageOverMaxMessageSize_DisconnectsAfterDeliveringTheOnesWithin(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.MaxMessageSize = 1000);
        RawZmtpClient raw = await HandshakenRawAsync(arena);
        byte[] exactly = new byte[1000];
        new Random(1).NextBytes(exactly);

        await raw.SendAsync(ZmtpWire.MessageFrame(exactly));
        await raw.SendAsync([.. ZmtpWire.MessageFrame(exactly.AsSpan(0, 500), more: true), .. ZmtpWire.MessageFrame(exactly.AsSpan(500))]);
        using (Message single = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(exactly, single[0].ToArray());
        }
        using (Message split = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(2, split.Count);
            byte[] joined = [.. split[0].ToArray(), .. split[1].ToArray()];
            Assert.Equal(exactly, joined);
        }
        await raw.SendIgnoringResetAsync(ZmtpWire.MessageFrame(new byte[1001]));

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "1001", "1000");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_MultipartOverMaxMessageSize_DisconnectsAndDeliversNoPart(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.MaxMessageSize = 1000);
        RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendIgnoringResetAsync([.. ZmtpWire.MessageFrame(new byte[600], more: true), .. ZmtpWire.MessageFrame(new byte[401])]);

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "maximum message size");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? leftover), $"part of an oversized message was delivered: {leftover}");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_HugeFrameHeaderOverMaxMessageSize_DisconnectsOnTheHeaderAlone(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.MaxMessageSize = 1000);
        RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendAsync(ZmtpWire.LongHeader(0x00, 1UL << 30)); // 1 GiB: a size .NET could hold, far over the limit

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "maximum message size");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }
}

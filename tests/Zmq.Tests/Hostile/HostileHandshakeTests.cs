using System.Diagnostics;
using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// Raw clients that break the greeting or the NULL handshake (RFC 37) against a bound PULL socket:
/// each must be refused with a reason and closed, while a well-behaved PUSH keeps delivering.
/// </summary>
public sealed class HostileHandshakeTests : HostileTestBase
{
    /// <summary>Bytes that must make the server's handshake fail, and words its reason must contain.</summary>
    private static (byte[] Bytes, string[] Keywords) Attack(string name)
    {
        byte[] greeting = ZmtpWire.Greeting();
        return name switch
        {
            "garbage-1" or "garbage-2" or "garbage-3" => (Garbage(int.Parse(name[^1..], System.Globalization.CultureInfo.InvariantCulture)), ["ZMTP"]),
            "http" => (Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), ["0x47"]),
            // ZMTP 1.0: an identity frame with a one-octet length (5 = flags + 4 identity bytes).
            "zmtp1-short" => ([0x05, 0x00, (byte)'a', (byte)'b', (byte)'c', (byte)'d'], ["1.0"]),
            // ZMTP 1.0 with a long length: FF, 8-octet length, flags octet with bit 0 clear.
            "zmtp1-long" => ([0xFF, 0, 0, 0, 0, 0, 0, 0x01, 0x01, 0x00, .. new byte[257]], ["1.0"]),
            // ZMTP 2.0: signature (padding = identity size + 1), revision 1, socket type, identity frame.
            "zmtp2" => ([0xFF, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x7F, 0x01, 0x08, 0x00, 0x00], ["2.0"]),
            "plain" => (ZmtpWire.Greeting("PLAIN"), ["mechanism", "PLAIN"]),
            "curve-as-server" => (ZmtpWire.Greeting("CURVE", asServer: 1), ["mechanism", "CURVE"]),
            "greeting-then-garbage" => ([.. greeting[..12], .. Garbage(4)], ["greeting"]),
            "lowercase-mechanism" => (ZmtpWire.Greeting("null"), ["mechanism"]),
            "as-server-2" => (ZmtpWire.Greeting(asServer: 2), ["as-server"]),
            "message-before-ready" => ([.. greeting, .. ZmtpWire.MessageFrame("too early")], ["command"]),
            "error-instead-of-ready" => ([.. greeting, .. ZmtpWire.Error("go away")], ["go away"]),
            "ping-instead-of-ready" => ([.. greeting, .. ZmtpWire.Command("PING", [0, 0])], ["PING"]),
            "ready-without-socket-type" => ([.. greeting, .. ZmtpWire.Command("READY", ZmtpWire.Property("Identity", "x"))], ["Socket-Type"]),
            "ready-unknown-socket-type" => ([.. greeting, .. ZmtpWire.Ready("BOGUS")], ["BOGUS"]),
            "ready-truncated-metadata" => ([.. greeting, .. ZmtpWire.Command("READY", [11, .. "Socket-Type"u8, 0, 0, 0, 9, .. "PUSH"u8])], ["metadata"]),
            "ready-reserved-flags" => ([.. greeting, 0x44, 0x00], ["reserved"]),
            "ready-command-with-more" => ([.. greeting, .. ZmtpWire.Ready("PUSH").Select((b, i) => i == 0 ? (byte)0x05 : b)], ["MORE"]),
            "ready-claims-2^63" => ([.. greeting, .. ZmtpWire.LongHeader(0x04, 0x8000000000000000UL)], ["2^63"]),
            // Before the handshake the peer is unknown: RFC 37 lets an implementation limit what it costs.
            "ready-claims-1-MB" => ([.. greeting, .. ZmtpWire.LongHeader(0x04, 1024 * 1024)], ["1048576"]),
            "command-name-empty" => ([.. greeting, 0x04, 0x03, 0x00, 0x41, 0x42], ["command"]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static byte[] Garbage(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        if (bytes[0] == 0xFF)
        {
            bytes[0] = 0x00; // never a lucky ZMTP signature
        }
        return bytes;
    }

    public static TheoryData<TransportKind, string> HandshakeAttacks
    {
        get
        {
            string[] attacks =
            [
                "garbage-1", "garbage-2", "garbage-3", "http", "zmtp1-short", "zmtp1-long", "zmtp2", "plain", "curve-as-server",
                "greeting-then-garbage", "lowercase-mechanism", "as-server-2", "message-before-ready", "error-instead-of-ready",
                "ping-instead-of-ready", "ready-without-socket-type", "ready-unknown-socket-type",
                "ready-truncated-metadata", "ready-reserved-flags", "ready-command-with-more", "ready-claims-2^63",
                "ready-claims-1-MB", "command-name-empty",
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

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RawClient_ValidHandshake_ExchangesGreetingAndReadyAndDeliversMessages(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        Dictionary<string, string> serverMetadata = await raw.HandshakeAsync("PUSH");
        await raw.SendAsync([.. ZmtpWire.MessageFrame("raw", more: true), .. ZmtpWire.MessageFrame(""), ]);
        await raw.SendAsync([.. ZmtpWire.MessageFrame(new byte[300], more: true), .. ZmtpWire.MessageFrame("end")]);

        Assert.Equal("PULL", serverMetadata["Socket-Type"]);
        await arena.WaitForEventAsync(SocketEventKind.HandshakeSucceeded, raw);
        using (Message first = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["raw", ""], first.Strings());
        }
        using (Message second = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(2, second.Count);
            Assert.Equal(300, second[0].Length);
            Assert.Equal("end", second.GetString(1));
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RawClient_PingAfterHandshake_GetsPongEchoingContext(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();
        await raw.HandshakeAsync("PUSH");

        await raw.SendAsync(ZmtpWire.Command("PING", [0x00, 0x0A, .. "context-123"u8]));

        RawFrame pong = await raw.ReadCommandAsync("PONG");
        Assert.Equal("context-123"u8.ToArray(), pong.CommandData);
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RawClient_SendsNothing_StillReceivesTheWholeGreeting(TransportKind transport)
    {
        // RFC 37: a peer that does not downgrade sends its entire greeting at once, so two peers
        // each waiting for the other's greeting cannot deadlock.
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.ReadGreetingAsync();

        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<TransportKind, byte, byte> OtherVersions => new()
    {
        { TransportKind.Tcp, 3, 0 },
        { TransportKind.Tcp, 3, 2 },
        { TransportKind.Tcp, 4, 0 },
        { TransportKind.Ipc, 3, 0 },
        { TransportKind.Ipc, 4, 0 },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(OtherVersions))]
    public async Task RawClient_Zmtp30OrHigherVersion_IsAccepted(TransportKind transport, byte major, byte minor)
    {
        // RFC 37: "A peer MUST accept higher protocol versions as valid"; 3.0 peers are accepted too.
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.SendAsync(ZmtpWire.Greeting(major: major, minor: minor));
        await raw.ReadGreetingAsync();
        await raw.SendAsync([.. ZmtpWire.Ready("PUSH"), .. ZmtpWire.MessageFrame($"from {major}.{minor}")]);
        await raw.ReadCommandAsync("READY");

        using (Message received = arena.Pull.ReceiveWithin())
        {
            Assert.Equal([$"from {major}.{minor}"], received.Strings());
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RawClient_ReadyWithOddCaseNamesAndExtraProperties_IsAccepted(TransportKind transport)
    {
        // Metadata names are case-insensitive; unknown properties (X-*, Resource) are carried, not refused.
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();
        byte[] metadata =
        [
            .. ZmtpWire.Property("X-Custom", "anything at all"),
            .. ZmtpWire.Property("sOCKET-tYPE", "PUSH"),
            .. ZmtpWire.Property("Resource", "system/name-service/test"),
            .. ZmtpWire.Property("identity", ""),
        ];

        await raw.SendAsync(ZmtpWire.Greeting());
        await raw.ReadGreetingAsync();
        await raw.SendAsync([.. ZmtpWire.Command("READY", metadata), .. ZmtpWire.MessageFrame("odd case")]);
        await raw.ReadCommandAsync("READY");

        using (Message received = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["odd case"], received.Strings());
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RawClient_HandshakeOneByteAtATime_Succeeds(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();
        byte[] greeting = ZmtpWire.Greeting();
        byte[] rest = [.. ZmtpWire.Ready("PUSH"), .. ZmtpWire.MessageFrame("dripped", more: true), .. ZmtpWire.MessageFrame("slowly")];

        foreach (byte b in greeting)
        {
            await raw.SendAsync([b]);
        }
        await raw.ReadGreetingAsync();
        foreach (byte b in rest)
        {
            await raw.SendAsync([b]);
        }
        await raw.ReadCommandAsync("READY");

        using (Message received = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["dripped", "slowly"], received.Strings());
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(HandshakeAttacks))]
    public async Task BoundPull_HostileHandshake_FailsWithReasonClosesAndPushKeepsDelivering(TransportKind transport, string attack)
    {
        (byte[] bytes, string[] keywords) = Attack(attack);
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.SendIgnoringResetAsync(bytes);

        SocketEvent failed = await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw);
        AssertReason(failed, keywords);
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_ReadyFromAnotherPull_SendsErrorThenCloses(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.SendAsync(ZmtpWire.Greeting());
        await raw.ReadGreetingAsync();
        await raw.SendAsync(ZmtpWire.Ready("PULL"));
        RawFrame ready = await raw.ReadCommandAsync("READY");
        RawFrame error = await raw.ReadCommandAsync("ERROR");

        Assert.Equal("PULL", ZmtpWire.ParseMetadata(ready.CommandData)["Socket-Type"]);
        byte[] reason = error.CommandData;
        Assert.True(reason.Length >= 1 && reason[0] == reason.Length - 1, "ERROR reason is not a short string");
        Assert.True(reason[0] > 0, "ERROR without a reason");
        SocketEvent failed = await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw);
        AssertReason(failed, "PULL");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_RawClientClosesDuringGreeting_ReportsHandshakeFailed(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.SendAsync(ZmtpWire.Greeting()[..20]);
        raw.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        SocketEvent failed = await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw);
        AssertReason(failed, "closed");
        await raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    /// <summary>CVE-2020-15166: connections that never finish (or start) a handshake must not starve new ones.</summary>
    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_200SilentConnections_NewPushStillHandshakesAndDelivers(TransportKind transport)
    {
        const int Silent = 200;
        await using PullArena arena = await PullArena.StartAsync(transport);
        // In batches below the listen backlog (100): a Unix-domain connect to a full backlog fails
        // with EAGAIN instead of waiting, which would test the kernel rather than the library.
        const int Batch = 50;
        for (int batch = 0; batch < Silent / Batch; batch++)
        {
            for (int i = 0; i < Batch; i++)
            {
                await arena.ConnectRawAsync();
            }
            for (int i = 0; i < Batch; i++)
            {
                await arena.Monitor.WaitForAsync(SocketEventKind.Accepted, Eventually.Soon);
            }
        }

        await using var late = new PushSocket { Linger = TimeSpan.Zero };
        late.Connect(arena.Endpoint);
        await arena.Monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        late.Send(new Message("late push"));

        using (Message received = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["late push"], received.Strings());
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_ShortHandshakeInterval_ClosesStalledConnectionsWithReason(TransportKind transport)
    {
        TimeSpan interval = TimeSpan.FromMilliseconds(500);
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.HandshakeInterval = interval);
        var clock = Stopwatch.StartNew();
        var stalled = new List<RawZmtpClient>();
        for (int i = 0; i < 20; i++)
        {
            stalled.Add(await arena.ConnectRawAsync()); // silent
        }
        RawZmtpClient partialGreeting = await arena.ConnectRawAsync();
        await partialGreeting.SendAsync(ZmtpWire.Greeting()[..10]);
        RawZmtpClient partialReady = await arena.ConnectRawAsync();
        await partialReady.SendAsync([.. ZmtpWire.Greeting(), .. ZmtpWire.Ready("PUSH")[..6]]);
        stalled.Add(partialGreeting);
        stalled.Add(partialReady);

        for (int i = 0; i < stalled.Count; i++)
        {
            SocketEvent failed = await arena.Monitor.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
            AssertReason(failed, "handshake not completed");
        }
        foreach (RawZmtpClient client in stalled)
        {
            await client.AssertClosedByServerAsync();
        }
        Assert.True(clock.Elapsed >= interval * 0.8, $"closed after {clock.Elapsed.TotalMilliseconds} ms, before the handshake interval");
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_ShortHandshakeInterval_CompletedHandshakeIsNotClosedLater(TransportKind transport)
    {
        TimeSpan interval = TimeSpan.FromMilliseconds(500);
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.HandshakeInterval = interval);
        RawZmtpClient raw = await arena.ConnectRawAsync();
        await raw.HandshakeAsync("PUSH");

        Assert.True(raw.StaysOpenAndQuiet(interval * 3), "the server closed (or wrote to) a connection whose handshake had completed");
        await raw.SendAsync(ZmtpWire.MessageFrame("still here"));

        using (Message received = arena.Pull.ReceiveWithin())
        {
            Assert.Equal(["still here"], received.Strings());
        }
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }
}

using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// A raw CURVE client (<see cref="RawCurveClient"/>) against a CURVE server: each command of the
/// handshake sent wrong, replayed and forged MESSAGEs, clear text where boxes belong, and a NULL
/// greeting to a CURVE server. Each is refused with a reason, nothing it sent is delivered, and
/// the server's legitimate CURVE client keeps delivering.
/// </summary>
public sealed class HostileCurveTests : HostileTestBase
{
    private static readonly CurveKeyPair ServerKeys = CurveKeyPair.Generate();

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task CorrectRawClient_IsLetInAndItsMessagesArrive(TransportKind transport)
    {
        await using PullArena arena = await CurveArenaAsync(transport);
        RawCurveClient client = await RawCurveClient.GreetAsync(arena, ServerKeys.PublicKey);

        await client.HandshakeAsync();
        await client.Raw.SendAsync(client.Message(3, 0, "boxed"u8));

        Assert.Equal("boxed", arena.Pull.ReceiveWithin().GetString(0));
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<string, string> BadHellos => new()
    {
        { "short", "malformed HELLO" },
        { "padding", "padding is not all zeros" },
        { "version", "version 2.0" },
        { "signature", "HELLO signature does not open" },
        { "low-order-key", "small order" },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(BadHellos))]
    public async Task BadHello_IsRefusedBeforeAnyWelcome(string attack, string reason)
    {
        await using PullArena arena = await CurveArenaAsync(TransportKind.Tcp);
        RawCurveClient client = await RawCurveClient.GreetAsync(arena, ServerKeys.PublicKey);

        byte[] hello = attack switch
        {
            "short" => client.Hello(padding: 71),
            "padding" => client.Hello(paddingByte: 0xAA),
            "version" => client.Hello(major: 2),
            "signature" => client.Hello(signature: new byte[80]),
            _ => ZmtpWire.Command("HELLO", [1, 0, .. new byte[72], .. new byte[32], .. new byte[8], .. new byte[80]]),
        };
        await client.Raw.SendIgnoringResetAsync(hello);

        AssertReason(await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, client.Raw), reason);
        (bool closed, byte[] received) = await client.Raw.WaitForCloseAsync();
        Assert.True(closed, "the server kept a connection with a bad HELLO");
        Assert.Empty(received); // no WELCOME: nothing for an amplification attack
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<string, string> BadInitiates => new()
    {
        { "cookie", "INITIATE cookie does not open" },
        { "vouch", "vouch is not for this connection and this server" },
        { "nonce", "does not increase" },
        { "metadata", "Socket-Type" },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(BadInitiates))]
    public async Task BadInitiate_IsRefusedWithoutReady(string attack, string reason)
    {
        await using PullArena arena = await CurveArenaAsync(TransportKind.Tcp);
        RawCurveClient client = await RawCurveClient.GreetAsync(arena, ServerKeys.PublicKey);
        await client.Raw.SendAsync(client.Hello());
        (byte[] serverTransient, byte[] cookie) = await client.ReadWelcomeAsync();

        byte[] initiate = attack switch
        {
            "cookie" => client.Initiate(serverTransient, [.. cookie[..20], (byte)(cookie[20] ^ 1), .. cookie[21..]]),
            "vouch" => client.Initiate(serverTransient, cookie, vouchedServerKey: CurveKeyPair.Generate().PublicKey.ToArray()),
            "nonce" => client.Initiate(serverTransient, cookie, nonce: 1),
            _ => client.Initiate(serverTransient, cookie, metadata: ZmtpWire.Property("Identity", "no type")),
        };
        await client.Raw.SendIgnoringResetAsync(initiate);

        AssertReason(await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, client.Raw), reason);
        await client.Raw.AssertClosedByServerAsync();
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<string, string> BadMessages => new()
    {
        { "replay", "replay" },
        { "skip", "MESSAGEs were removed" },
        { "forged", "does not open" },
        { "clear", "only MESSAGE" },
        { "flags", "payload flags" },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(BadMessages))]
    public async Task BadMessageAfterTheHandshake_ClosesTheConnectionAndIsNotDelivered(string attack, string reason)
    {
        await using PullArena arena = await CurveArenaAsync(TransportKind.Tcp);
        RawCurveClient client = await RawCurveClient.GreetAsync(arena, ServerKeys.PublicKey);
        await client.HandshakeAsync();
        await client.Raw.SendAsync(client.Message(3, 0, "genuine"u8));
        Assert.Equal("genuine", arena.Pull.ReceiveWithin().GetString(0));

        byte[] bad = attack switch
        {
            "replay" => client.Message(3, 0, "genuine"u8),
            "skip" => client.Message(5, 0, "after a removed one"u8),
            "forged" => [.. client.Message(4, 0, "altered"u8)[..^1], 0],
            "clear" => ZmtpWire.MessageFrame("clear text"),
            _ => client.Message(4, 0x80, "reserved flag"u8),
        };
        await client.Raw.SendIgnoringResetAsync(bad);

        AssertReason(await arena.WaitForEventAsync(SocketEventKind.Disconnected, client.Raw), reason);
        await client.Raw.AssertClosedByServerAsync();
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"delivered: {leaked}");
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Fact(Timeout = 30000)]
    public async Task NullGreetingToACurveServer_IsRefusedAsAMechanismMismatch()
    {
        await using PullArena arena = await CurveArenaAsync(TransportKind.Tcp);
        RawZmtpClient raw = await arena.ConnectRawAsync();

        await raw.SendAsync(ZmtpWire.Greeting("NULL"));
        await raw.SendIgnoringResetAsync([.. ZmtpWire.Ready("PUSH"), .. ZmtpWire.MessageFrame("smuggled")]);

        AssertReason(await arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw), "mechanism mismatch", "CURVE");
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"delivered under NULL to a CURVE server: {leaked}");
        arena.AssertPushDelivers();
    }

    /// <summary>A CURVE-server arena in a context of its own (no ZAP handler: any client with the server key gets in).</summary>
    private static Task<PullArena> CurveArenaAsync(TransportKind transport) =>
        PullArena.StartAsync(transport, pull => (pull.CurveServer, pull.CurveKeys) = (true, ServerKeys), new ZmqContext(),
            push => push.CurveServerKey = ServerKeys.PublicKey);
}

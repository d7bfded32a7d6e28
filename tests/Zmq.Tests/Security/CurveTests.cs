using Zmq.Tests.Support;

namespace Zmq.Tests.Security;

/// <summary>
/// CURVE security (RFC 25, CurveZMQ RFC 26) between Zmq sockets: confidential traffic in every
/// pattern and size, the keys that must match, and ZAP over client keys.
/// </summary>
public sealed class CurveTests
{
    public static TheoryData<TransportKind> Streams => TestEndpoints.Streams;

    private static readonly CurveKeyPair ServerKeys = CurveKeyPair.Generate();

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public void CurveClient_KnowingTheServerKey_ExchangesMessagesOfEverySizeBothWays(TransportKind transport)
    {
        using var server = new PairSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys };
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using var client = new PairSocket(server.Context) { CurveServerKey = ServerKeys.PublicKey, CurveKeys = CurveKeyPair.Generate() };
        client.Connect(endpoint);

        byte[] large = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7))];
        var sent = new Message("hello");
        sent.Add([]).Add(large).Add(new byte[65536]);
        client.Send(sent);
        using Message received = server.ReceiveWithin();
        Assert.Equal(4, received.Count);
        Assert.Equal("hello", received.GetString(0));
        Assert.Equal(0, received[1].Length);
        Assert.True(received[2].Span.SequenceEqual(large));
        Assert.Equal(65536, received[3].Length);

        for (int i = 0; i < 1000; i++)
        {
            server.Send(new Message($"reply {i}"));
        }
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal($"reply {i}", client.ReceiveWithin().GetString(0));
        }
    }

    [Fact(Timeout = 30000)]
    public async Task CurveClient_WithTheWrongServerKey_IsRefusedAtHello()
    {
        using var server = new PullSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys };
        using SocketMonitor events = server.Monitor();
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var client = new PushSocket(server.Context) { CurveServerKey = CurveKeyPair.Generate().PublicKey, Linger = TimeSpan.Zero };
        client.Connect(endpoint);

        SocketEvent refused = await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.Contains("HELLO signature does not open", refused.Detail);
    }

    [Fact(Timeout = 30000)]
    public async Task CurveServer_WithoutKeys_RefusesWithTheReason()
    {
        using var server = new PullSocket(new ZmqContext()) { CurveServer = true };
        using SocketMonitor events = server.Monitor();
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var client = new PushSocket(server.Context) { CurveServerKey = ServerKeys.PublicKey, Linger = TimeSpan.Zero };
        client.Connect(endpoint);

        SocketEvent refused = await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.Contains("CurveServer is set but CurveKeys is not", refused.Detail);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public void PubSub_OverCurve_SubscriptionsAndHeartbeatsTravelEncrypted(TransportKind transport)
    {
        using var pub = new PubSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys, HeartbeatInterval = TimeSpan.FromMilliseconds(20) };
        string endpoint = pub.Bind(TestEndpoints.ForBind(transport));
        using var sub = new SubSocket(pub.Context) { CurveServerKey = ServerKeys.PublicKey, HeartbeatInterval = TimeSpan.FromMilliseconds(20) };
        sub.Subscribe("weather");
        sub.Connect(endpoint);

        Sockets.PubSubTests.PublishUntilReceived(pub, sub, "weather probe");
        pub.Send(new Message("sports", "goal"));
        pub.Send(new Message("weather", "rain"));

        Assert.Equal(["weather", "rain"], sub.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public async Task Authenticator_LetsInTheClientKeysItKnowsAndRefusesOthers()
    {
        CurveKeyPair known = CurveKeyPair.Generate();
        await using var auth = new Authenticator(new ZmqContext());
        auth.AddCurveKey(known.PublicKey.Span);
        using var server = new PullSocket(auth.Context) { CurveServer = true, CurveKeys = ServerKeys };
        using SocketMonitor serverEvents = server.Monitor();
        string endpoint = server.Bind("tcp://127.0.0.1:*");

        using var stranger = new PushSocket(auth.Context) { CurveServerKey = ServerKeys.PublicKey, Linger = TimeSpan.Zero };
        using SocketMonitor strangerEvents = stranger.Monitor();
        stranger.Connect(endpoint);
        Assert.Contains("unknown CURVE client key", (await serverEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon)).Detail);
        Assert.Contains("authentication failed (ZAP status 400)", (await strangerEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon)).Detail);
        stranger.Dispose();

        using var member = new PushSocket(auth.Context) { CurveServerKey = ServerKeys.PublicKey, CurveKeys = known };
        member.Connect(endpoint);
        member.Send(new Message("member"));
        Assert.Equal(["member"], server.ReceiveWithin().Strings());
        Assert.EndsWith($": user '{known.PublicKeyZ85}'", (await serverEvents.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon)).Detail);

        auth.AllowAnyCurveKey = true;
        using var anyone = new PushSocket(auth.Context) { CurveServerKey = ServerKeys.PublicKey };
        anyone.Connect(endpoint);
        anyone.Send(new Message("anyone"));
        Assert.Equal(["anyone"], server.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public async Task ZapHandler_GetsTheClientsLongTermPublicKey()
    {
        CurveKeyPair client = CurveKeyPair.Generate();
        var context = new ZmqContext();
        using var handler = new RepSocket(context);
        handler.Bind("inproc://zeromq.zap.01");
        using var server = new PullSocket(context) { CurveServer = true, CurveKeys = ServerKeys, ZapDomain = "secure" };
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var push = new PushSocket(context) { CurveServerKey = ServerKeys.PublicKey, CurveKeys = client };
        push.Connect(endpoint);

        using Message request = await handler.ReceiveAsync().AsTask().WaitAsync(Eventually.Soon);
        Assert.Equal(7, request.Count);
        Assert.Equal(["1.0"], [request.GetString(0)]);
        Assert.Equal(["secure", "127.0.0.1", "", "CURVE"], [request.GetString(2), request.GetString(3), request.GetString(4), request.GetString(5)]);
        Assert.Equal(client.PublicKey.ToArray(), request[6].ToArray());
        handler.Send(new Message("1.0", request.GetString(1), "200", "OK", "client", ""));

        push.Send(new Message("authenticated"));
        Assert.Equal(["authenticated"], server.ReceiveWithin().Strings());
    }

    [Fact]
    public void Options_BadKeys_AreRefusedNamingTheOption()
    {
        using var socket = new PushSocket();
        Assert.Equal("CurveServerKey", Assert.Throws<ArgumentException>(() => socket.CurveServerKey = new byte[31]).ParamName);
        socket.CurveServerKey = ServerKeys.PublicKey;
        Assert.Equal(ServerKeys.PublicKey.ToArray(), socket.CurveServerKey.ToArray());
        socket.CurveServerKey = ReadOnlyMemory<byte>.Empty;
        Assert.True(socket.CurveServerKey.IsEmpty);
    }
}

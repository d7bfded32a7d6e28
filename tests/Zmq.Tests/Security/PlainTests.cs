using Zmq.Tests.Support;

namespace Zmq.Tests.Security;

/// <summary>
/// PLAIN security (RFC 24) between Zmq sockets, with ZAP (RFC 27) answered by <see cref="Authenticator"/>
/// or by a handler written here from the RFC: who gets in, who does not, and why each side says so.
/// </summary>
/// <remarks>Each test uses a context of its own, so its ZAP handler serves it alone.</remarks>
public sealed class PlainTests
{
    public static TheoryData<TransportKind> Streams => TestEndpoints.Streams;

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task PlainClient_RightPassword_IsLetInAndMessagesFlowBothWays(TransportKind transport)
    {
        await using Authenticator auth = AdminOnly();
        ZmqContext context = auth.Context;
        using var server = new PairSocket(context) { PlainServer = true };
        using SocketMonitor serverEvents = server.Monitor();
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using var client = new PairSocket(context) { PlainUsername = "admin", PlainPassword = "secret" };
        client.Connect(endpoint);
        Assert.EndsWith(": user 'admin'", (await serverEvents.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon)).Detail);

        client.Send(new Message("hello", "server"));
        Assert.Equal(["hello", "server"], server.ReceiveWithin().Strings());
        server.Send(new Message("hello client"));
        Assert.Equal(["hello client"], client.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task PlainClient_WrongPassword_IsRefusedAndBothSidesSayWhy(TransportKind transport)
    {
        await using Authenticator auth = AdminOnly();
        ZmqContext context = auth.Context;
        using var server = new PullSocket(context) { PlainServer = true };
        using SocketMonitor serverEvents = server.Monitor();
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using var client = new PushSocket(context) { PlainUsername = "admin", PlainPassword = "guess", Linger = TimeSpan.Zero };
        using SocketMonitor clientEvents = client.Monitor();
        client.Connect(endpoint);

        SocketEvent refused = await serverEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
        SocketEvent rejected = await clientEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.Contains("authentication failed (ZAP status 400: invalid username or password)", refused.Detail);
        Assert.Contains("authentication failed (ZAP status 400)", rejected.Detail);
        Assert.True(client.TrySend(new Message("never delivered")), "a connecting PUSH queues while it retries");
        Assert.False(server.TryReceive(TimeSpan.FromMilliseconds(300), out Message? leaked), $"a refused client's message arrived: {leaked}");
    }

    [Fact(Timeout = 30000)]
    public async Task RefusedClient_ReconnectsWithTheBackoffDoublingUpToItsMaximum()
    {
        // libzmq #883: reconnecting after an authentication failure ignored the backoff.
        await using Authenticator auth = AdminOnly();
        using var server = new PullSocket(auth.Context) { PlainServer = true };
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var client = new PushSocket(auth.Context)
        {
            PlainUsername = "admin",
            PlainPassword = "guess",
            ReconnectInterval = TimeSpan.FromMilliseconds(10),
            ReconnectIntervalMax = TimeSpan.FromMilliseconds(80),
            Linger = TimeSpan.Zero,
        };
        using SocketMonitor events = client.Monitor();
        client.Connect(endpoint);

        var delays = new List<string?>();
        for (int i = 0; i < 6; i++)
        {
            await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
            delays.Add((await events.WaitForAsync(SocketEventKind.ConnectRetried, Eventually.Soon)).Detail);
        }
        Assert.Equal(["10 ms", "20 ms", "40 ms", "80 ms", "80 ms", "80 ms"], delays);
    }

    [Fact(Timeout = 30000)]
    public async Task PlainServer_WithNoZapHandler_RefusesEveryClient()
    {
        string refusal = await ServerRefusalAsync(new ZmqContext(), server => server.PlainServer = true, client => client.PlainUsername = "anyone");

        Assert.Contains("ZAP status 500", refusal);
        Assert.Contains("no ZAP handler", refusal);
    }

    [Theory(Timeout = 30000)]
    [InlineData(false, true, "mechanism mismatch")]
    [InlineData(true, false, "mechanism mismatch")]
    [InlineData(true, true, "both peers are PLAIN servers")]
    public async Task MismatchedSecurity_IsRefusedWithTheReason(bool serverIsPlain, bool clientIsPlainServer, string reason)
    {
        await using Authenticator auth = AdminOnly();

        string refusal = await ServerRefusalAsync(auth.Context, server => server.PlainServer = serverIsPlain, client => client.PlainServer = clientIsPlainServer);

        Assert.Contains(reason, refusal);
    }

    [Fact(Timeout = 30000)]
    public async Task TwoPlainClients_AreRefusedAsBothClients()
    {
        string refusal = await ServerRefusalAsync(new ZmqContext(), server => server.PlainUsername = "a", client => client.PlainUsername = "b");

        Assert.Contains("both peers are PLAIN clients", refusal);
    }

    [Fact(Timeout = 30000)]
    public async Task ZapHandler_ReceivesTheRequestRfc27Describes_AndItsUserIdIsAccepted()
    {
        var context = new ZmqContext();
        using var handler = new RepSocket(context);
        handler.Bind("inproc://zeromq.zap.01");
        using var server = new PullSocket(context) { PlainServer = true, ZapDomain = "test", RoutingId = "BOB"u8.ToArray() };
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var client = new PushSocket(context) { PlainUsername = "admin", PlainPassword = "secret" };
        client.Connect(endpoint);

        using Message request = await handler.ReceiveAsync().AsTask().WaitAsync(Eventually.Soon);
        string[] frames = request.Strings();
        Assert.Equal(8, frames.Length);
        Assert.Equal("1.0", frames[0]);
        Assert.NotEmpty(frames[1]); // the request id, echoed below
        Assert.Equal(["test", "127.0.0.1", "BOB", "PLAIN", "admin", "secret"], frames[2..]);
        handler.Send(new Message("1.0", frames[1], "200", "OK", "joe", ""));

        client.Send(new Message("let in"));
        Assert.Equal(["let in"], server.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [InlineData("a malformed reply: five frames")]
    [InlineData("a reply to another request")]
    public async Task ZapHandler_ThatAnswersNonsense_CountsAsARefusal(string what)
    {
        var context = new ZmqContext();
        using var handler = new RepSocket(context);
        handler.Bind("inproc://zeromq.zap.01");
        using var server = new PullSocket(context) { PlainServer = true };
        using SocketMonitor serverEvents = server.Monitor();
        string endpoint = server.Bind("tcp://127.0.0.1:*");
        using var client = new PushSocket(context) { PlainUsername = "admin", Linger = TimeSpan.Zero };
        client.Connect(endpoint);

        using Message request = await handler.ReceiveAsync().AsTask().WaitAsync(Eventually.Soon);
        handler.Send(what.Contains("five")
            ? new Message("1.0", request.GetString(1), "200", "OK", "joe")
            : new Message("1.0", request.GetString(1) + "x", "200", "OK", "joe", ""));

        SocketEvent refused = await serverEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
        Assert.Contains("ZAP status 500", refused.Detail);
        Assert.Contains("malformed ZAP reply", refused.Detail);
    }

    [Fact(Timeout = 30000)]
    public async Task NullSecurityWithZapDomain_AsksZapAboutTheAddress()
    {
        var context = new ZmqContext();
        await using var auth = new Authenticator(context);
        auth.Deny("127.0.0.1");

        Assert.Contains("address denied", await ServerRefusalAsync(context, server => server.ZapDomain = "global", client => { }));

        // The same handler letting the address in: the next attempt of the same client succeeds.
        var allowedContext = new ZmqContext();
        await using var allowing = new Authenticator(allowedContext);
        allowing.Allow("127.0.0.1");
        using var open = new PullSocket(allowedContext) { ZapDomain = "global" };
        string openEndpoint = open.Bind("tcp://127.0.0.1:*");
        using var guest = new PushSocket(allowedContext);
        guest.Connect(openEndpoint);
        guest.Send(new Message("in"));
        Assert.Equal(["in"], open.ReceiveWithin().Strings());
    }

    [Fact]
    public async Task Authenticator_AllowList_RefusesOtherAddressesAndIpcPeers()
    {
        var context = new ZmqContext();
        await using var auth = new Authenticator(context);
        auth.Allow("10.1.2.3");

        Assert.Contains("address not allowed", await ServerRefusalAsync(context, server => server.ZapDomain = "d", client => { }, TestEndpoints.IpcPath()));
    }

    [Fact]
    public void Options_OutOfRange_ThrowNamingTheOption()
    {
        using var socket = new PushSocket();
        Assert.Equal("PlainUsername", Assert.Throws<ArgumentOutOfRangeException>(() => socket.PlainUsername = new string('u', 256)).ParamName);
        Assert.Equal("PlainPassword", Assert.Throws<ArgumentOutOfRangeException>(() => socket.PlainPassword = new string('é', 128)).ParamName);
        Assert.Equal("ZapDomain", Assert.Throws<ArgumentOutOfRangeException>(() => socket.ZapDomain = "dömain").ParamName);
        socket.PlainUsername = new string('u', 255);
        socket.PlainUsername = null;
        Assert.Null(socket.PlainUsername);
    }

    [Fact]
    public async Task Authenticator_SecondInOneContext_IsRefusedAsAddressInUse()
    {
        var context = new ZmqContext();
        await using var first = new Authenticator(context);
        var error = Assert.Throws<ZmqException>(() => new Authenticator(context));
        Assert.Equal(ZmqError.AddressInUse, error.Error);
    }

    [Fact]
    public async Task Authenticator_AddressThatIsNotOne_IsAnArgumentErrorNamingIt()
    {
        await using var auth = new Authenticator(new ZmqContext());
        var error = Assert.Throws<ArgumentException>(() => auth.Allow("not an address"));
        Assert.Contains("'not an address'", error.Message);
        Assert.Throws<ArgumentException>(() => auth.Deny("10.0.0.256"));
    }

    /// <summary>An authenticator in a fresh context that lets in admin/secret.</summary>
    private static Authenticator AdminOnly()
    {
        var auth = new Authenticator(new ZmqContext());
        auth.AddUser("admin", "secret");
        return auth;
    }

    /// <summary>
    /// Binds a PULL (after <paramref name="configureServer"/>) and connects a PUSH (after
    /// <paramref name="configureClient"/>) in <paramref name="context"/>; returns the detail of the
    /// server's first HandshakeFailed event.
    /// </summary>
    private static async Task<string> ServerRefusalAsync(
        ZmqContext context, Action<PullSocket> configureServer, Action<PushSocket> configureClient, string endpoint = "tcp://127.0.0.1:*")
    {
        using var server = new PullSocket(context);
        configureServer(server);
        using SocketMonitor serverEvents = server.Monitor();
        string bound = server.Bind(endpoint);
        using var client = new PushSocket(context) { Linger = TimeSpan.Zero };
        configureClient(client);
        client.Connect(bound);
        SocketEvent refused = await serverEvents.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
        return refused.Detail ?? "";
    }
}

using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// Raw clients, written from RFC 24 and RFC 37, against a PLAIN server (with an
/// <see cref="Authenticator"/> that knows admin/secret): malformed and out-of-order commands,
/// wrong passwords, and the downgrade attacks of REFERENCES.md (a NULL or ZMTP 2.0 greeting to a
/// socket that requires PLAIN). Each is refused with a reason, and the server's legitimate PLAIN
/// client keeps delivering.
/// </summary>
public sealed class HostilePlainTests : HostileTestBase
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task RightCredentials_FromARawClient_GetWelcomeThenReadyAndMessagesArrive(TransportKind transport)
    {
        await using var scene = await PlainScene.StartAsync(transport);
        using RawZmtpClient raw = await scene.GreetedRawAsync();

        await raw.SendAsync(ZmtpWire.Command("HELLO", Hello("admin", "secret")));
        await raw.ReadCommandAsync("WELCOME");
        await raw.SendAsync(ZmtpWire.Command("INITIATE", ZmtpWire.Property("Socket-Type", "PUSH")));
        RawFrame ready = await raw.ReadCommandAsync("READY");
        Assert.Equal("PULL", ZmtpWire.ParseMetadata(ready.CommandData)["Socket-Type"]);
        await raw.SendAsync(ZmtpWire.MessageFrame("signed in"));

        Assert.Equal("signed in", scene.Arena.Pull.ReceiveWithin().GetString(0));
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task WrongPassword_GetsErrorWithTheZapStatusThenTheServerCloses(TransportKind transport)
    {
        await using var scene = await PlainScene.StartAsync(transport);
        using RawZmtpClient raw = await scene.GreetedRawAsync();

        await raw.SendAsync(ZmtpWire.Command("HELLO", Hello("admin", "wrong")));

        RawFrame error = await raw.ReadCommandAsync("ERROR");
        Assert.Equal([3, (byte)'4', (byte)'0', (byte)'0'], error.CommandData);
        await raw.AssertClosedByServerAsync();
        AssertReason(await scene.Arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw), "authentication failed", "400");
        scene.Arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<TransportKind, string, string> Malformed
    {
        get
        {
            var data = new TheoryData<TransportKind, string, string>();
            foreach (TransportKind transport in new[] { TransportKind.Tcp, TransportKind.Ipc })
            {
                data.Add(transport, "hello-user-overruns", "malformed HELLO");
                data.Add(transport, "hello-password-short", "malformed HELLO");
                data.Add(transport, "hello-empty", "malformed HELLO");
                data.Add(transport, "initiate-first", "expected HELLO");
                data.Add(transport, "ready-first", "expected HELLO");
                data.Add(transport, "message-first", "expected a command");
            }
            return data;
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Malformed))]
    public async Task MalformedOrOutOfOrderHandshake_IsClosedWithAReason(TransportKind transport, string attack, string reason)
    {
        await using var scene = await PlainScene.StartAsync(transport);
        using RawZmtpClient raw = await scene.GreetedRawAsync();

        byte[] bytes = attack switch
        {
            "hello-user-overruns" => ZmtpWire.Command("HELLO", [200, (byte)'a', (byte)'b', 0]),
            "hello-password-short" => ZmtpWire.Command("HELLO", [1, (byte)'a', 9, (byte)'x']),
            "hello-empty" => ZmtpWire.Command("HELLO", []),
            "initiate-first" => ZmtpWire.Command("INITIATE", ZmtpWire.Property("Socket-Type", "PUSH")),
            "ready-first" => ZmtpWire.Ready("PUSH"),
            _ => ZmtpWire.MessageFrame("no login"),
        };
        await raw.SendIgnoringResetAsync(bytes);

        AssertReason(await scene.Arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw), reason);
        await raw.AssertClosedByServerAsync();
        Assert.False(scene.Arena.Pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"delivered without a login: {leaked}");
        scene.Arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task NullGreetingToAPlainServer_IsRefusedAsAMechanismMismatch(TransportKind transport)
    {
        await using var scene = await PlainScene.StartAsync(transport);
        RawZmtpClient raw = await scene.Arena.ConnectRawAsync();

        await raw.SendAsync(ZmtpWire.Greeting("NULL"));
        await raw.SendIgnoringResetAsync(ZmtpWire.Ready("PUSH"));
        await raw.SendIgnoringResetAsync(ZmtpWire.MessageFrame("smuggled"));

        AssertReason(await scene.Arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw), "mechanism mismatch", "NULL", "PLAIN");
        await raw.AssertClosedByServerAsync();
        Assert.False(scene.Arena.Pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"delivered under NULL to a PLAIN server: {leaked}");
        scene.Arena.AssertPushDelivers();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task Zmtp20GreetingToAPlainServer_IsRefusedBeforeAnyLogin(TransportKind transport)
    {
        // CVE-2014-7202: a ZMTP 1.0/2.0 peer could skip the security handshake.
        await using var scene = await PlainScene.StartAsync(transport);
        RawZmtpClient raw = await scene.Arena.ConnectRawAsync();

        await raw.SendIgnoringResetAsync([0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 0x01, 0x08, 0x00, 0x05, 0x00, .. "smuggled"u8.ToArray()]);

        AssertReason(await scene.Arena.WaitForEventAsync(SocketEventKind.HandshakeFailed, raw), "ZMTP");
        await raw.AssertClosedByServerAsync();
        Assert.False(scene.Arena.Pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"delivered over ZMTP 2.0: {leaked}");
        scene.Arena.AssertPushDelivers();
    }

    private static byte[] Hello(string username, string password) =>
        [(byte)username.Length, .. System.Text.Encoding.ASCII.GetBytes(username), (byte)password.Length, .. System.Text.Encoding.ASCII.GetBytes(password)];

    /// <summary>A PLAIN-server arena in a context of its own, with an authenticator and a legitimate PLAIN client.</summary>
    private sealed class PlainScene : IAsyncDisposable
    {
        private readonly Authenticator _auth;

        private PlainScene(Authenticator auth, PullArena arena)
        {
            _auth = auth;
            Arena = arena;
        }

        public PullArena Arena { get; }

        public static async Task<PlainScene> StartAsync(TransportKind transport)
        {
            var auth = new Authenticator(new ZmqContext());
            auth.AddUser("admin", "secret");
            PullArena arena = await PullArena.StartAsync(transport, pull => pull.PlainServer = true, auth.Context,
                push => (push.PlainUsername, push.PlainPassword) = ("admin", "secret"));
            return new PlainScene(auth, arena);
        }

        /// <summary>A raw client that has exchanged PLAIN greetings with the server (client side, as-server 0).</summary>
        public async Task<RawZmtpClient> GreetedRawAsync()
        {
            RawZmtpClient raw = await Arena.ConnectRawAsync();
            await raw.SendAsync(ZmtpWire.Greeting("PLAIN"));
            await raw.ReadGreetingAsync("PLAIN", asServer: 1);
            return raw;
        }

        public async ValueTask DisposeAsync()
        {
            await Arena.DisposeAsync();
            await _auth.DisposeAsync();
        }
    }
}

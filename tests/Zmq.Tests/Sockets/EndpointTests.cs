using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>Bind, connect, unbind and disconnect: endpoint forms and their errors.</summary>
public sealed class EndpointTests
{
    [Theory]
    [InlineData("")]
    [InlineData("tcp")]
    [InlineData("tcp://")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://127.0.0.1:")]
    [InlineData("tcp://127.0.0.1:99999")]
    [InlineData("tcp://127.0.0.1:port")]
    [InlineData("tcp://:5555")]
    [InlineData("tcp://::1:5555")]
    [InlineData("tcp://[::1:5555")]
    [InlineData("udp://127.0.0.1:5555")]
    [InlineData("ipc://")]
    [InlineData("inproc://")]
    public void Bind_MalformedEndpoint_ThrowsArgumentExceptionNamingIt(string endpoint)
    {
        using var socket = new PullSocket();

        var error = Assert.Throws<ArgumentException>(() => socket.Bind(endpoint));
        Assert.Contains("endpoint", error.Message);
    }

    [Theory]
    [InlineData("tcp://*:5555")]
    [InlineData("tcp://127.0.0.1:*")]
    [InlineData("tcp://127.0.0.1:0")]
    [InlineData("ipc://*")]
    public void Connect_WildcardEndpoint_ThrowsArgumentException(string endpoint)
    {
        using var socket = new PushSocket();

        Assert.Throws<ArgumentException>(() => socket.Connect(endpoint));
    }

    [Fact]
    public void Bind_EphemeralTcpPort_ReportsTheChosenPort()
    {
        using var socket = new PullSocket();

        string bound = socket.Bind("tcp://127.0.0.1:*");

        Assert.Matches(@"^tcp://127\.0\.0\.1:\d+$", bound);
        Assert.NotEqual("tcp://127.0.0.1:0", bound);
        Assert.Equal(bound, socket.LastEndpoint);
    }

    [Theory]
    [InlineData(TransportKind.Tcp)]
    [InlineData(TransportKind.Ipc)]
    [InlineData(TransportKind.Inproc)]
    public void Bind_AddressAlreadyBound_ThrowsAddressInUse(TransportKind transport)
    {
        using var first = new PullSocket();
        string endpoint = first.Bind(TestEndpoints.ForBind(transport));
        using var second = new PullSocket();

        var error = Assert.Throws<ZmqException>(() => second.Bind(endpoint));

        Assert.Equal(ZmqError.AddressInUse, error.Error);
        Assert.Contains(endpoint, error.Message);
    }

    [Fact(Timeout = 30000)]
    public void Bind_WildcardHost_AcceptsLoopbackConnections()
    {
        int port = TestEndpoints.FreeTcpPort();
        using var pull = new PullSocket();
        pull.Bind($"tcp://*:{port}");
        using var push = new PushSocket();
        push.Connect($"tcp://127.0.0.1:{port}");

        push.Send("via wildcard");

        Assert.Equal("via wildcard", pull.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void Connect_IPv6Loopback_Delivers()
    {
        using var pull = new PullSocket();
        string endpoint;
        try
        {
            endpoint = pull.Bind("tcp://[::1]:*");
        }
        catch (ZmqException error) when (error.Error == ZmqError.AddressNotAvailable)
        {
            Assert.Skip("this machine has no IPv6 loopback");
            return;
        }
        Assert.StartsWith("tcp://[::1]:", endpoint);
        using var push = new PushSocket();
        push.Connect(endpoint);

        push.Send("over IPv6");

        Assert.Equal("over IPv6", pull.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void Connect_DnsName_Delivers()
    {
        int port = TestEndpoints.FreeTcpPort();
        using var pull = new PullSocket();
        pull.Bind($"tcp://127.0.0.1:{port}");
        using var push = new PushSocket();
        push.Connect($"tcp://localhost:{port}");

        push.Send("by name");

        Assert.Equal("by name", pull.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void Bind_IpcPathLeftByADeadProcess_ReplacesTheStaleFile()
    {
        string endpoint = TestEndpoints.IpcPath();
        string path = endpoint["ipc://".Length..];
        // A process that binds and exits leaves its socket file behind (.NET would unlink it on dispose).
        if (!File.Exists(Requires.Python))
        {
            Requires.Unavailable($"{Requires.Python} is needed to leave a stale socket file behind");
        }
        using (var dying = System.Diagnostics.Process.Start(Requires.Python, ["-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{path}')"]))
        {
            Assert.True(dying.WaitForExit(TimeSpan.FromSeconds(20)), "setup: the binding process did not exit");
        }
        Assert.True(File.Exists(path), "setup: the stale socket file exists");

        using var pull = new PullSocket();
        pull.Bind(endpoint);
        using var push = new PushSocket();
        push.Connect(endpoint);
        push.Send("fresh");

        Assert.Equal("fresh", pull.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void UnbindAndDispose_IpcPath_RemoveTheSocketFile()
    {
        string endpoint = TestEndpoints.IpcPath();
        string path = endpoint["ipc://".Length..];
        var socket = new PullSocket();

        socket.Bind(endpoint);
        Assert.True(File.Exists(path));
        socket.Unbind(endpoint);
        Assert.False(File.Exists(path), "unbind left the socket file behind");

        socket.Bind(endpoint);
        socket.Dispose();
        Assert.False(File.Exists(path), "dispose left the socket file behind");
    }

    [Fact(Timeout = 30000)]
    public void Bind_IpcWildcard_ChoosesAFreshPath()
    {
        using var pull = new PullSocket();

        string bound = pull.Bind("ipc://*");

        Assert.StartsWith("ipc:///", bound);
        using var push = new PushSocket();
        push.Connect(bound);
        push.Send("wildcard ipc");
        Assert.Equal("wildcard ipc", pull.ReceiveWithin().GetString(0));
    }

    [Fact]
    public void UnbindAndDisconnect_UnknownEndpoint_ThrowEndpointNotFound()
    {
        using var socket = new PairSocket();

        Assert.Equal(ZmqError.EndpointNotFound, Assert.Throws<ZmqException>(() => socket.Unbind("tcp://127.0.0.1:5555")).Error);
        Assert.Equal(ZmqError.EndpointNotFound, Assert.Throws<ZmqException>(() => socket.Disconnect("tcp://127.0.0.1:5555")).Error);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Unbind_ThenBindAgain_Works(TransportKind transport)
    {
        string endpoint = TestEndpoints.Reusable(transport);
        using var pull = new PullSocket();
        pull.Bind(endpoint);
        pull.Unbind(endpoint);
        pull.Bind(endpoint);
        using var push = new PushSocket();
        push.Connect(endpoint);

        push.Send("rebound");

        Assert.Equal("rebound", pull.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Disconnect_ThenSend_GoesToTheRemainingPeerOnly(TransportKind transport)
    {
        using var a = new PullSocket();
        using var b = new PullSocket();
        string endpointA = a.Bind(TestEndpoints.ForBind(transport));
        string endpointB = b.Bind(TestEndpoints.ForBind(transport));
        using var push = new PushSocket();
        push.Connect(endpointA);
        push.Connect(endpointB);

        push.Disconnect(endpointA);
        await Eventually.TrueAsync(() => push.PeerCount == 1, "the disconnected pipe to be gone");
        for (int i = 0; i < 4; i++)
        {
            push.Send("to b " + i);
        }

        Assert.Equal(Enumerable.Range(0, 4).Select(i => "to b " + i), Enumerable.Range(0, 4).Select(_ => b.ReceiveWithin().GetString(0)));
        Assert.False(a.TryReceive(TimeSpan.FromMilliseconds(200), out _));
    }

    [Fact(Timeout = 30000)]
    public async Task Connect_NobodyListening_RetriesSilently()
    {
        using var push = new PushSocket { ReconnectInterval = TimeSpan.FromMilliseconds(20) };
        using SocketMonitor monitor = push.Monitor();

        push.Connect($"tcp://127.0.0.1:{TestEndpoints.FreeTcpPort()}");

        await monitor.WaitForAsync(SocketEventKind.ConnectRetried, TimeSpan.FromSeconds(10));
        await monitor.WaitForAsync(SocketEventKind.ConnectRetried, TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 30000)]
    public async Task Connect_WithMaximumInterval_BacksOffUpToIt()
    {
        using var push = new PushSocket
        {
            ReconnectInterval = TimeSpan.FromMilliseconds(10),
            ReconnectIntervalMax = TimeSpan.FromMilliseconds(80),
        };
        using SocketMonitor monitor = push.Monitor();

        push.Connect($"tcp://127.0.0.1:{TestEndpoints.FreeTcpPort()}");

        var delays = new List<string?>();
        for (int i = 0; i < 6; i++)
        {
            delays.Add((await monitor.WaitForAsync(SocketEventKind.ConnectRetried, TimeSpan.FromSeconds(10))).Detail);
        }
        Assert.Equal(["10 ms", "20 ms", "40 ms", "80 ms", "80 ms", "80 ms"], delays);
    }

    [Fact]
    public void Options_InvalidValues_ThrowArgumentOutOfRangeNamingTheOption()
    {
        using var socket = new PushSocket();

        Assert.Equal("SendHighWatermark", Assert.Throws<ArgumentOutOfRangeException>(() => socket.SendHighWatermark = -1).ParamName);
        Assert.Equal("Linger", Assert.Throws<ArgumentOutOfRangeException>(() => socket.Linger = TimeSpan.FromSeconds(-2)).ParamName);
        Assert.Equal("ReconnectInterval", Assert.Throws<ArgumentOutOfRangeException>(() => socket.ReconnectInterval = TimeSpan.Zero).ParamName);
        Assert.Equal("MaxMessageSize", Assert.Throws<ArgumentOutOfRangeException>(() => socket.MaxMessageSize = -2).ParamName);
        Assert.Equal("RoutingId", Assert.Throws<ArgumentOutOfRangeException>(() => socket.RoutingId = new byte[256]).ParamName);
        Assert.Throws<ArgumentException>(() => socket.RoutingId = new byte[] { 0, 1 });
    }
}

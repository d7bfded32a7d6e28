using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>DEALER/ROUTER (RFC 28) and ROUTER's options, over inproc, ipc and tcp.</summary>
public sealed class RouterDealerTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Router_RepliesReachTheRightDealer(TransportKind transport)
    {
        using var router = new RouterSocket();
        string endpoint = router.Bind(TestEndpoints.ForBind(transport));
        using var alice = new DealerSocket { RoutingId = "alice"u8.ToArray() };
        using var bob = new DealerSocket { RoutingId = "bob"u8.ToArray() };
        alice.Connect(endpoint);
        bob.Connect(endpoint);

        alice.Send("from alice");
        bob.Send("from bob");
        var received = new[] { router.ReceiveWithin().Strings(), router.ReceiveWithin().Strings() };
        Assert.Contains(["alice", "from alice"], received);
        Assert.Contains(["bob", "from bob"], received);

        router.Send(new Message("bob", "for bob"));
        router.Send(new Message("alice", "for alice"));
        Assert.Equal(["for alice"], alice.ReceiveWithin().Strings());
        Assert.Equal(["for bob"], bob.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Router_AnonymousPeer_GetsAGeneratedIdThatRoutesBack(TransportKind transport)
    {
        using var router = new RouterSocket();
        using var dealer = new DealerSocket();
        dealer.Connect(router.Bind(TestEndpoints.ForBind(transport)));

        dealer.Send("hi");
        using Message received = router.ReceiveWithin();

        Assert.Equal(5, received[0].Length);
        Assert.Equal(0, received[0].Span[0]);
        router.Send(new Message().Add(received[0].Span).Add("back"));
        Assert.Equal(["back"], dealer.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Router_UnknownPeer_DropsSilentlyByDefault()
    {
        using var router = new RouterSocket();
        router.Bind(TestEndpoints.ForBind(TransportKind.Inproc));

        Assert.True(router.TrySend(new Message("nobody", "lost")));
    }

    [Fact(Timeout = 30000)]
    public void Router_UnknownPeerWithMandatory_ThrowsHostUnreachable()
    {
        using var router = new RouterSocket { Mandatory = true };
        router.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        var message = new Message("nobody", "lost");

        var error = Assert.Throws<ZmqException>(() => router.Send(message));

        Assert.Equal(ZmqError.HostUnreachable, error.Error);
        Assert.Contains("nobody", error.Message);
        Assert.Equal(["nobody", "lost"], message.Strings());
    }

    [Fact(Timeout = 30000)]
    public void Router_MandatoryPeerAtHighWatermark_FailsTrySendInsteadOfDropping()
    {
        using var router = new RouterSocket { Mandatory = true, SendHighWatermark = 2 };
        string endpoint = router.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var dealer = new DealerSocket { RoutingId = "slow"u8.ToArray(), ReceiveHighWatermark = 2 };
        dealer.Connect(endpoint);
        dealer.Send("hello");
        router.ReceiveWithin();

        int accepted = 0;
        while (router.TrySend(new Message("slow", accepted.ToString())))
        {
            accepted++;
            Assert.True(accepted <= 4, "more accepted than the high-water marks allow");
        }

        Assert.Equal(4, accepted);
        dealer.ReceiveWithin();
        Assert.True(router.TrySend(new Message("slow", "room again"), TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 30000)]
    public void Router_PeerAtHighWatermarkWithoutMandatory_DropsAndReportsSuccess()
    {
        using var router = new RouterSocket { SendHighWatermark = 2 };
        string endpoint = router.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var dealer = new DealerSocket { RoutingId = "slow"u8.ToArray(), ReceiveHighWatermark = 2 };
        dealer.Connect(endpoint);
        dealer.Send("hello");
        router.ReceiveWithin();

        for (int i = 0; i < 10; i++)
        {
            Assert.True(router.TrySend(new Message("slow", i.ToString())));
        }

        Assert.Equal(["0", "1", "2", "3"], Enumerable.Range(0, 4).Select(_ => dealer.ReceiveWithin().GetString(0)));
        Assert.False(dealer.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.Streams), MemberType = typeof(TestEndpoints))]
    public async Task Router_DuplicateIdentity_RefusedUnlessHandover(TransportKind transport)
    {
        using var router = new RouterSocket();
        string endpoint = router.Bind(TestEndpoints.ForBind(transport));
        using var first = new DealerSocket { RoutingId = "twin"u8.ToArray() };
        first.Connect(endpoint);
        first.Send("first");
        Assert.Equal(["twin", "first"], router.ReceiveWithin().Strings());

        using var second = new DealerSocket { RoutingId = "twin"u8.ToArray() };
        using SocketMonitor monitor = second.Monitor();
        second.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromSeconds(10));
        router.Send(new Message("twin", "to the first"));
        Assert.Equal(["to the first"], first.ReceiveWithin().Strings());

        router.Handover = true;
        second.Send("second takes over");
        Assert.Equal(["twin", "second takes over"], router.ReceiveWithin(TimeSpan.FromSeconds(15)).Strings());
        router.Send(new Message("twin", "to the second"));
        Assert.Equal(["to the second"], second.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Router_ConnectRoutingId_NamesThePeerOfThatConnect(TransportKind transport)
    {
        using var server = new RouterSocket();
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using var client = new RouterSocket { RoutingId = "client"u8.ToArray(), Mandatory = true };
        using SocketMonitor monitor = client.Monitor();
        client.ConnectRoutingId = "server"u8.ToArray();
        client.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10));

        client.Send(new Message("server", "hello"));

        Assert.Equal(["client", "hello"], server.ReceiveWithin().Strings());
        server.Send(new Message("client", "hi"));
        Assert.Equal(["server", "hi"], client.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void ProbeRouter_NewPeer_SendsAnEmptyMessage(TransportKind transport)
    {
        using var router = new RouterSocket();
        using var dealer = new DealerSocket { RoutingId = "prober"u8.ToArray(), ProbeRouter = true };
        dealer.Connect(router.Bind(TestEndpoints.ForBind(transport)));

        Assert.Equal(["prober", ""], router.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Dealer_ToDealer_BothDirections(TransportKind transport)
    {
        using var a = new DealerSocket();
        using var b = new DealerSocket();
        b.Connect(a.Bind(TestEndpoints.ForBind(transport)));

        a.Send(new Message("x", "y"));
        b.Send(new Message("z"));

        Assert.Equal(["x", "y"], b.ReceiveWithin().Strings());
        Assert.Equal(["z"], a.ReceiveWithin().Strings());
    }
}

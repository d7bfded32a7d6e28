using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>REQ/REP (RFC 28) over inproc, ipc and tcp, directly and through ROUTER/DEALER.</summary>
public sealed class ReqRepTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void RoundTrip_ManyRequests_EachGetsItsReply(TransportKind transport)
    {
        using var rep = new RepSocket();
        using var req = new ReqSocket();
        req.Connect(rep.Bind(TestEndpoints.ForBind(transport)));

        for (int i = 0; i < 50; i++)
        {
            req.Send(new Message("question", i.ToString()));
            using Message request = rep.ReceiveWithin();
            Assert.Equal(["question", i.ToString()], request.Strings());
            rep.Send(new Message("answer", i.ToString()));
            Assert.Equal(["answer", i.ToString()], req.ReceiveWithin().Strings());
        }
    }

    [Fact(Timeout = 30000)]
    public void Send_TwiceWithoutReceiving_ThrowsInvalidState()
    {
        using var rep = new RepSocket();
        using var req = new ReqSocket();
        req.Connect(rep.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        req.Send("first");

        var error = Assert.Throws<ZmqException>(() => req.Send("second"));

        Assert.Equal(ZmqError.InvalidState, error.Error);
        Assert.Contains("receive", error.Message);
    }

    [Fact(Timeout = 30000)]
    public void Receive_BeforeSending_ThrowsInvalidStateOnReqAndRep()
    {
        using var rep = new RepSocket();
        using var req = new ReqSocket();
        req.Connect(rep.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));

        Assert.Equal(ZmqError.InvalidState, Assert.Throws<ZmqException>(() => req.TryReceive(out _)).Error);
        Assert.Equal(ZmqError.InvalidState, Assert.Throws<ZmqException>(() => rep.Send("unasked")).Error);
    }

    [Fact(Timeout = 30000)]
    public void Receive_TwiceWithoutReplying_ThrowsInvalidStateOnRep()
    {
        using var rep = new RepSocket();
        using var req = new ReqSocket();
        req.Connect(rep.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        req.Send("q");
        rep.ReceiveWithin();

        Assert.Equal(ZmqError.InvalidState, Assert.Throws<ZmqException>(() => rep.TryReceive(out _)).Error);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Send_ToSeveralRepPeers_RoundRobins(TransportKind transport)
    {
        using var reps = new DisposableList<RepSocket>();
        using var req = new ReqSocket();
        for (int i = 0; i < 3; i++)
        {
            RepSocket rep = reps.Add(new RepSocket());
            req.Connect(rep.Bind(TestEndpoints.ForBind(transport)));
        }

        for (int round = 0; round < 6; round++)
        {
            req.Send(round.ToString());
            RepSocket expected = reps[round % 3];
            Assert.Equal(round.ToString(), expected.ReceiveWithin().GetString(0));
            expected.Send("ok " + round);
            Assert.Equal("ok " + round, req.ReceiveWithin().GetString(0));
        }
    }

    [Fact(Timeout = 30000)]
    public void Rep_SeesOnlyTheBody_WireCarriesTheEmptyDelimiter()
    {
        using var router = new RouterSocket();
        using var req = new ReqSocket { RoutingId = "client"u8.ToArray() };
        req.Connect(router.Bind(TestEndpoints.ForBind(TransportKind.Tcp)));

        req.Send("hello");

        Assert.Equal(["client", "", "hello"], router.ReceiveWithin().Strings());
        router.Send(new Message("client", "", "world"));
        Assert.Equal(["world"], req.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Rep_BehindDealer_KeepsTheWholeRoutingEnvelope()
    {
        using var rep = new RepSocket();
        using var dealer = new DealerSocket();
        dealer.Connect(rep.Bind(TestEndpoints.ForBind(TransportKind.Tcp)));

        dealer.Send(new Message("hop2", "hop1", "", "request"));

        Assert.Equal(["request"], rep.ReceiveWithin().Strings());
        rep.Send("reply");
        Assert.Equal(["hop2", "hop1", "", "reply"], dealer.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Rep_MalformedRequestWithoutDelimiter_IsDiscarded()
    {
        using var rep = new RepSocket();
        using var dealer = new DealerSocket();
        dealer.Connect(rep.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));

        dealer.Send(new Message("no", "delimiter"));
        dealer.Send(new Message("", "good"));

        Assert.Equal(["good"], rep.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Relaxed_NewRequestBeforeReply_IsAllowed()
    {
        using var router = new RouterSocket();
        using var req = new ReqSocket { Relaxed = true, Correlate = true };
        req.Connect(router.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));

        req.Send("lost");
        using Message lost = router.ReceiveWithin();
        req.Send("retry");
        using Message retry = router.ReceiveWithin();

        // Answer the abandoned request first: REQ_CORRELATE makes the REQ discard it.
        router.Send(new Message().Add(lost[0].Span).Add(lost[1].Span).Add("").Add("late answer"));
        router.Send(new Message().Add(retry[0].Span).Add(retry[1].Span).Add("").Add("fresh answer"));
        Assert.Equal(["fresh answer"], req.ReceiveWithin().Strings());
        Assert.Equal(4, lost[1].Length);
        Assert.NotEqual(lost[1].ToArray(), retry[1].ToArray());
    }

    [Fact(Timeout = 30000)]
    public void Receive_ReplyFromAnotherPeer_IsIgnored()
    {
        using var routerA = new RouterSocket();
        using var routerB = new RouterSocket();
        using var req = new ReqSocket { RoutingId = "me"u8.ToArray() };
        req.Connect(routerA.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        req.Connect(routerB.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));

        req.Send("to A");
        Assert.Equal(["me", "", "to A"], routerA.ReceiveWithin().Strings());
        routerB.Send(new Message("me", "", "not asked"));
        routerA.Send(new Message("me", "", "from A"));

        Assert.Equal(["from A"], req.ReceiveWithin().Strings());
    }
}

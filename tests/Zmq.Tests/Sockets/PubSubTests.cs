using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>PUB/SUB and XPUB/XSUB (RFC 29) over inproc, ipc and tcp.</summary>
public sealed class PubSubTests
{
    /// <summary>
    /// Publishes <paramref name="probe"/> until <paramref name="subscriber"/> receives it: the
    /// standard way to learn that a subscription has reached the publisher (there is no
    /// acknowledgement in the protocol). Bounded by <paramref name="timeout"/>.
    /// </summary>
    internal static void PublishUntilReceived(ISendingSocket publisher, IReceivingSocket subscriber, string probe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            publisher.Send(probe);
            if (subscriber.TryReceive(TimeSpan.FromMilliseconds(20), out Message? message))
            {
                Assert.Equal(probe, message.GetString(0));
                while (subscriber.TryReceive(TimeSpan.FromMilliseconds(20), out Message? extra))
                {
                    Assert.Equal(probe, extra.GetString(0));
                }
                return;
            }
        }
        Assert.Fail($"the subscription for '{probe}' never reached the publisher");
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Publish_TwoSubscribersOnDifferentTopics_EachGetsOnlyItsTopic(TransportKind transport)
    {
        using var pub = new PubSocket();
        string endpoint = pub.Bind(TestEndpoints.ForBind(transport));
        using var weather = new SubSocket();
        using var sports = new SubSocket();
        weather.Subscribe("weather");
        sports.Subscribe("sports");
        weather.Connect(endpoint);
        sports.Connect(endpoint);
        PublishUntilReceived(pub, weather, "weather probe");
        PublishUntilReceived(pub, sports, "sports probe");

        pub.Send(new Message("weather", "sunny"));
        pub.Send(new Message("sports", "3-1"));
        pub.Send(new Message("news", "nobody wants this"));
        pub.Send(new Message("weather/rain", "light"));

        Assert.Equal(["weather", "sunny"], weather.ReceiveWithin().Strings());
        Assert.Equal(["weather/rain", "light"], weather.ReceiveWithin().Strings());
        Assert.Equal(["sports", "3-1"], sports.ReceiveWithin().Strings());
        Assert.False(weather.TryReceive(TimeSpan.FromMilliseconds(100), out _));
        Assert.False(sports.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Subscribe_EmptyPrefix_ReceivesEverything(TransportKind transport)
    {
        using var pub = new PubSocket();
        using var sub = new SubSocket();
        sub.Subscribe("");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));
        PublishUntilReceived(pub, sub, "probe");

        pub.Send("anything");
        pub.Send(new Message("", "empty topic"));

        Assert.Equal("anything", sub.ReceiveWithin().GetString(0));
        Assert.Equal(["", "empty topic"], sub.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.Streams), MemberType = typeof(TestEndpoints))]
    public async Task Publish_IsFilteredAtThePublisher(TransportKind transport)
    {
        using var pub = new PubSocket();
        using var sub = new SubSocket();
        sub.Subscribe("wanted");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));
        PublishUntilReceived(pub, sub, "wanted probe");

        for (int i = 0; i < 10_000; i++)
        {
            pub.Send("unwanted " + i);
        }
        pub.Send("wanted last");

        // Messages arrive in order: had the publisher not filtered, the 10,000 unwanted ones would
        // reach the subscriber's queue before the wanted one (the subscriber filters only when read).
        await Eventually.TrueAsync(() => sub.QueuedInbound >= 1, "the wanted message to arrive");
        Assert.Equal(1, sub.QueuedInbound);
        Assert.Equal("wanted last", sub.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Unsubscribe_StopsDelivery_AndIsCounted(TransportKind transport)
    {
        using var pub = new PubSocket();
        using var sub = new SubSocket();
        sub.Subscribe("a");
        sub.Subscribe("a");
        sub.Subscribe("b");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));
        PublishUntilReceived(pub, sub, "a probe");

        sub.Unsubscribe("a");
        pub.Send("a still wanted (subscribed twice)");
        Assert.Equal("a still wanted (subscribed twice)", sub.ReceiveWithin().GetString(0));

        sub.Unsubscribe("a");
        PublishUntilReceived(pub, sub, "b probe");
        pub.Send("a not wanted");
        pub.Send("b last");
        Assert.Equal("b last", sub.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void Publish_SubscriberAtHighWatermark_DropsAndCounts()
    {
        using var pub = new PubSocket { SendHighWatermark = 5 };
        using var sub = new SubSocket { ReceiveHighWatermark = 5 };
        sub.Subscribe("");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        PublishUntilReceived(pub, sub, "probe");

        for (int i = 0; i < 100; i++)
        {
            Assert.True(pub.TrySend(new Message(i.ToString())), "PUB must never block");
        }

        Assert.Equal(90, pub.DroppedMessages);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], Enumerable.Range(0, 10).Select(_ => sub.ReceiveWithin().GetString(0)));
    }

    [Theory(Timeout = 60000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Subscriber_AfterThePublisherRestarts_SubscribesAgain(TransportKind transport)
    {
        string endpoint = TestEndpoints.Reusable(transport);
        using var sub = new SubSocket();
        using SocketMonitor monitor = sub.Monitor();
        sub.Subscribe("news");
        sub.Connect(endpoint);
        using (var first = new PubSocket())
        {
            first.Bind(endpoint);
            PublishUntilReceived(first, sub, "news from the first");
        }
        await monitor.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromSeconds(10));

        using var second = new PubSocket();
        second.Bind(endpoint);

        PublishUntilReceived(second, sub, "news from the second");
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void InvertMatching_DeliversWhatDoesNotMatch(TransportKind transport)
    {
        using var pub = new PubSocket { InvertMatching = true };
        using var sub = new SubSocket { InvertMatching = true };
        sub.Subscribe("noise");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));
        PublishUntilReceived(pub, sub, "signal probe");

        pub.Send("noise 1");
        pub.Send("signal");

        Assert.Equal("signal", sub.ReceiveWithin().GetString(0));
        Assert.False(sub.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Conflate_KeepsOnlyTheNewestMessage(TransportKind transport)
    {
        using var pub = new PubSocket();
        using var sub = new SubSocket { Conflate = true };
        sub.Subscribe("");
        sub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));
        PublishUntilReceived(pub, sub, "probe");

        for (int i = 0; i < 1000; i++)
        {
            pub.Send(i.ToString());
        }
        await Eventually.TrueAsync(() => sub.TryReceive(out Message? m) && m.GetString(0) == "999", "the newest value");

        Assert.False(sub.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void XPub_ReceivesNewSubscriptionsAndLastCancellations(TransportKind transport)
    {
        using var xpub = new XPubSocket();
        string endpoint = xpub.Bind(TestEndpoints.ForBind(transport));
        using var one = new SubSocket();
        using var two = new SubSocket();
        one.Connect(endpoint);
        two.Connect(endpoint);

        one.Subscribe("topic");
        Assert.Equal([1, .. "topic"u8.ToArray()], xpub.ReceiveWithin()[0].ToArray());
        two.Subscribe("topic");
        two.Subscribe("other");
        Assert.Equal([1, .. "other"u8.ToArray()], xpub.ReceiveWithin()[0].ToArray());

        one.Unsubscribe("topic");
        two.Unsubscribe("topic");
        Assert.Equal([0, .. "topic"u8.ToArray()], xpub.ReceiveWithin()[0].ToArray());
        Assert.False(xpub.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Fact(Timeout = 30000)]
    public void XPub_Verbose_ReportsEverySubscription()
    {
        using var xpub = new XPubSocket { Verbose = true };
        string endpoint = xpub.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var one = new SubSocket();
        using var two = new SubSocket();
        one.Connect(endpoint);
        two.Connect(endpoint);

        one.Subscribe("t");
        two.Subscribe("t");
        one.Unsubscribe("t");

        Assert.Equal([1, (byte)'t'], xpub.ReceiveWithin()[0].ToArray());
        Assert.Equal([1, (byte)'t'], xpub.ReceiveWithin()[0].ToArray());
        Assert.False(xpub.TryReceive(TimeSpan.FromMilliseconds(100), out _), "VERBOSE does not report a cancellation others still need");
    }

    [Fact(Timeout = 30000)]
    public void XPub_Verboser_ReportsEveryCancellationToo()
    {
        using var xpub = new XPubSocket { Verboser = true };
        string endpoint = xpub.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var one = new SubSocket();
        using var two = new SubSocket();
        one.Connect(endpoint);
        two.Connect(endpoint);

        one.Subscribe("t");
        two.Subscribe("t");
        one.Unsubscribe("t");

        Assert.Equal([1, (byte)'t'], xpub.ReceiveWithin()[0].ToArray());
        Assert.Equal([1, (byte)'t'], xpub.ReceiveWithin()[0].ToArray());
        Assert.Equal([0, (byte)'t'], xpub.ReceiveWithin()[0].ToArray());
    }

    [Fact(Timeout = 30000)]
    public void XPub_Manual_AppliesOnlyWhatTheApplicationSays()
    {
        using var xpub = new XPubSocket { Manual = true };
        using var sub = new SubSocket();
        sub.Connect(xpub.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));

        sub.Subscribe("asked");
        Assert.Equal([1, .. "asked"u8.ToArray()], xpub.ReceiveWithin()[0].ToArray());
        xpub.Subscribe("granted");
        xpub.Send("asked: not granted");
        xpub.Send("granted: but the SUB does not want it");
        Assert.False(sub.TryReceive(TimeSpan.FromMilliseconds(200), out _), "the XPUB applied a subscription it was not told to");

        // Now both sides agree on "granted".
        sub.Subscribe("granted");
        xpub.ReceiveWithin();
        xpub.Send("granted: delivered");
        Assert.Equal("granted: delivered", sub.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void XPub_WelcomeMessage_GreetsEachNewSubscriber()
    {
        using var xpub = new XPubSocket { WelcomeMessage = "welcome"u8.ToArray() };
        using var sub = new SubSocket();
        sub.Subscribe("welcome");

        sub.Connect(xpub.Bind(TestEndpoints.ForBind(TransportKind.Tcp)));

        Assert.Equal("welcome", sub.ReceiveWithin().GetString(0));
    }

    [Fact(Timeout = 30000)]
    public async Task XPub_NoDrop_MakesSendWaitInsteadOfDropping()
    {
        using var xpub = new XPubSocket { NoDrop = true, SendHighWatermark = 3 };
        using var sub = new SubSocket { ReceiveHighWatermark = 3 };
        sub.Subscribe("");
        sub.Connect(xpub.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        xpub.ReceiveWithin();

        int accepted = 0;
        while (xpub.TrySend(new Message(accepted.ToString())))
        {
            accepted++;
            Assert.True(accepted <= 6);
        }

        Assert.Equal(6, accepted);
        Assert.Equal(0, xpub.DroppedMessages);
        Task sending = Task.Run(() => xpub.Send("waited"));
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i.ToString(), sub.ReceiveWithin().GetString(0));
        }
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("waited", sub.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void XSub_SendsSubscriptionsAsMessages(TransportKind transport)
    {
        using var pub = new PubSocket();
        using var xsub = new XSubSocket();
        xsub.Connect(pub.Bind(TestEndpoints.ForBind(transport)));

        xsub.Send(new Message().Add([1, .. "x"u8]));
        PublishUntilReceived(pub, xsub, "x probe");
        pub.Send("y ignored");
        pub.Send("x wanted");

        Assert.Equal("x wanted", xsub.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void XSubToXPub_SubscriptionsFlowUpstreamAsMessages(TransportKind transport)
    {
        using var xpub = new XPubSocket();
        using var xsub = new XSubSocket();
        xsub.Connect(xpub.Bind(TestEndpoints.ForBind(transport)));

        xsub.Send(new Message().Add([1, .. "abc"u8]));

        Assert.Equal([1, .. "abc"u8.ToArray()], xpub.ReceiveWithin()[0].ToArray());
    }
}

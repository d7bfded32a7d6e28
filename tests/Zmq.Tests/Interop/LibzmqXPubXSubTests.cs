using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// XPUB/XSUB between Zmq and libzmq (pyzmq) over tcp, ipc paths and abstract ipc names, with either
/// side binding: subscriptions and cancellations made on one side arrive at an XPUB of the other as
/// <c>\u0001topic</c> and <c>\u0000topic</c> messages, other XSUB messages travel upstream, and both
/// kinds of broker (a Zmq <see cref="Proxy"/> between libzmq peers, a libzmq proxy between Zmq
/// peers) carry subscriptions up and data down.
/// </summary>
public sealed class LibzmqXPubXSubTests
{
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task XPub_ZmqSubToLibzmqXPub_SubscriptionsAndCancellationsArrive(InteropTransport transport, bool zmqBinds)
    {
        using var sub = new SubSocket();
        sub.Subscribe("topic");
        await using LibzmqAgent xpub = await LibzmqAgent.StartAsync(sub, "XPUB", transport, zmqBinds);

        Assert.Equal("\u0001topic", Text(await xpub.ReceiveAsync()));
        // The XPUB has the subscription: what it publishes now reaches the subscriber.
        await xpub.SendAsync("other", "nope");
        await xpub.SendAsync("topic", "hello");
        using (Message hello = sub.ReceiveWithin())
        {
            Assert.Equal(["topic", "hello"], hello.Strings());
        }

        sub.Subscribe("more");
        Assert.Equal("\u0001more", Text(await xpub.ReceiveAsync()));
        sub.Subscribe(LongTopic);
        Assert.Equal("\u0001" + LongTopic, Text(await xpub.ReceiveAsync()));
        sub.Unsubscribe("topic");
        Assert.Equal("\u0000topic", Text(await xpub.ReceiveAsync()));
        await xpub.SendAsync("topic", "after cancelling");
        await xpub.SendAsync(LongTopic, "long");
        await xpub.SendAsync("more", "last");
        using (Message @long = sub.ReceiveWithin())
        {
            Assert.Equal([LongTopic, "long"], @long.Strings());
        }
        using (Message last = sub.ReceiveWithin())
        {
            Assert.Equal(["more", "last"], last.Strings());
        }

        sub.Subscribe("");
        Assert.Equal("\u0001", Text(await xpub.ReceiveAsync()));
        await xpub.SendAsync("anything");
        using (Message anything = sub.ReceiveWithin())
        {
            Assert.Equal(["anything"], anything.Strings());
        }
        await xpub.ExitAsync();
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task XPub_LibzmqSubToZmqXPub_SubscriptionsAndCancellationsArrive(InteropTransport transport, bool zmqBinds)
    {
        using var xpub = new XPubSocket();
        await using LibzmqAgent sub = await LibzmqAgent.StartAsync(xpub, "SUB", transport, zmqBinds, LibzmqAgent.Option("SUBSCRIBE", "topic"));

        Assert.Equal("\u0001topic", ReceiveText(xpub));
        xpub.Send(new Message("other", "nope"));
        xpub.Send(new Message("topic", "hello"));
        Assert.Equal(["topic", "hello"], await sub.ReceiveStringsAsync());

        await sub.SetAsync("SUBSCRIBE", "more");
        Assert.Equal("\u0001more", ReceiveText(xpub));
        await sub.SetAsync("SUBSCRIBE", LongTopic);
        Assert.Equal("\u0001" + LongTopic, ReceiveText(xpub));
        await sub.SetAsync("UNSUBSCRIBE", "topic");
        Assert.Equal("\u0000topic", ReceiveText(xpub));
        xpub.Send(new Message("topic", "after cancelling"));
        xpub.Send(new Message(LongTopic, "long"));
        xpub.Send(new Message("more", "last"));
        Assert.Equal([LongTopic, "long"], await sub.ReceiveStringsAsync());
        Assert.Equal(["more", "last"], await sub.ReceiveStringsAsync());

        await sub.SetAsync("SUBSCRIBE", "");
        Assert.Equal("\u0001", ReceiveText(xpub));
        xpub.Send("anything");
        Assert.Equal(["anything"], await sub.ReceiveStringsAsync());
        await sub.ExitAsync();
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task XSub_ZmqXSubToLibzmqXPub_SubscriptionsAndUpstreamMessagesArrive(InteropTransport transport, bool zmqBinds)
    {
        using var xsub = new XSubSocket();
        await using LibzmqAgent xpub = await LibzmqAgent.StartAsync(xsub, "XPUB", transport, zmqBinds);

        xsub.Send("\u0001topic");
        Assert.Equal("\u0001topic", Text(await xpub.ReceiveAsync()));
        await xpub.SendAsync("other", "nope");
        await xpub.SendAsync("topic", "hello");
        using (Message hello = xsub.ReceiveWithin())
        {
            Assert.Equal(["topic", "hello"], hello.Strings());
        }

        xsub.Send(new Message("upstream", "", "data"));
        Assert.Equal(["upstream", "", "data"], await xpub.ReceiveStringsAsync());
        xsub.Send("\u0000topic");
        Assert.Equal("\u0000topic", Text(await xpub.ReceiveAsync()));
        await xpub.ExitAsync();
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task XSub_LibzmqXSubToZmqXPub_SubscriptionsAndUpstreamMessagesArrive(InteropTransport transport, bool zmqBinds)
    {
        using var xpub = new XPubSocket();
        await using LibzmqAgent xsub = await LibzmqAgent.StartAsync(xpub, "XSUB", transport, zmqBinds);

        await xsub.SendAsync("\u0001topic");
        Assert.Equal("\u0001topic", ReceiveText(xpub));
        xpub.Send(new Message("other", "nope"));
        xpub.Send(new Message("topic", "hello"));
        Assert.Equal(["topic", "hello"], await xsub.ReceiveStringsAsync());

        await xsub.SendAsync("upstream", "", "data");
        using (Message upstream = xpub.ReceiveWithin())
        {
            Assert.Equal(["upstream", "", "data"], upstream.Strings());
        }
        await xsub.SendAsync("\u0000topic");
        Assert.Equal("\u0000topic", ReceiveText(xpub));
        await xsub.ExitAsync();
    }

    /// <summary>
    /// A Zmq <see cref="Proxy"/> (XSUB frontend, XPUB backend) between a libzmq PUB and a libzmq
    /// SUB: the subscription crosses it upstream (the libzmq PUB filters, so without it nothing
    /// would come) and the data downstream, filtered; the cancellation crosses too.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task Broker_ZmqProxyBetweenLibzmqPubAndSub_SubscriptionsUpDataDown(InteropTransport transport, bool zmqBinds)
    {
        using var frontend = new XSubSocket();
        using var backend = new XPubSocket();
        await using LibzmqAgent pub = await LibzmqAgent.StartAsync(frontend, "PUB", transport, zmqBinds);
        await using LibzmqAgent sub = await LibzmqAgent.StartAsync(backend, "SUB", transport, zmqBinds, LibzmqAgent.Option("SUBSCRIBE", "topic"));
        var proxy = new Proxy(frontend, backend);
        using var stop = new CancellationTokenSource();
        Task running = proxy.RunAsync(stop.Token);

        await sub.ProbeFromAsync(pub, "topic", "probe");
        await pub.SendAsync("other", "nope");
        await pub.SendAsync("topic", "hello");
        await pub.SendAsync("topic", "end");
        Assert.Equal(["topic", "hello"], await sub.ReceiveStringsAsync());
        Assert.Equal(["topic", "end"], await sub.ReceiveStringsAsync());

        await sub.SetAsync("UNSUBSCRIBE", "topic");
        await Eventually.TrueAsync(() => proxy.Statistics.FrontendMessagesOut == 2, "the subscription and its cancellation to cross the proxy");
        Assert.Equal(2, proxy.Statistics.BackendMessagesIn);

        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        await sub.ExitAsync();
        await pub.ExitAsync();
    }

    /// <summary>
    /// A libzmq proxy (<c>zmq.proxy_steerable</c>, XSUB frontend, XPUB backend) between a Zmq PUB
    /// and a Zmq SUB: the subscription crosses it upstream (the Zmq PUB filters, so without it
    /// nothing would come) and the data downstream, filtered; a changed subscription crosses too.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task Broker_LibzmqProxyBetweenZmqPubAndSub_SubscriptionsUpDataDown(InteropTransport transport, bool zmqBinds)
    {
        using var pub = new PubSocket();
        using var sub = new SubSocket();
        sub.Subscribe("topic");
        await using LibzmqLink proxy = await LibzmqLink.StartAsync([pub, sub], PyZmqPatternScripts.Proxy, transport, zmqBinds);
        var filter = new ProbeFilter();

        await filter.ProbeAsync(pub, sub, "topic", "probe");
        pub.Send(new Message("other", "nope"));
        pub.Send(new Message("topic", "hello"));
        pub.Send(new Message("topic", "end"));
        Assert.Equal(["topic", "hello"], filter.Receive(sub));
        Assert.Equal(["topic", "end"], filter.Receive(sub));

        sub.Subscribe("more");
        sub.Unsubscribe("topic");
        await filter.ProbeAsync(pub, sub, "more", "probe");
        pub.Send(new Message("topic", "after cancelling"));
        pub.Send(new Message("more", "last"));
        Assert.Equal(["more", "last"], filter.Receive(sub));

        await proxy.Peer.WriteLineAsync("STOP");
        await proxy.Peer.ExpectLineAsync("OK");
        Assert.Equal(0, await proxy.Peer.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    /// <summary>A topic longer than 255 bytes: its SUBSCRIBE command or message needs the long-size frame encoding.</summary>
    private static readonly string LongTopic = "long-" + new string('x', 300);

    private static string Text(byte[][] message) =>
        message.Length == 1 ? System.Text.Encoding.Latin1.GetString(message[0]) : $"{message.Length} frames: {InteropTraffic.Show(message.Select(static f => (ReadOnlyMemory<byte>)f))}";

    private static string ReceiveText(IReceivingSocket socket)
    {
        using Message message = socket.ReceiveWithin();
        return message.Count == 1 ? System.Text.Encoding.Latin1.GetString(message[0].Span) : $"{message.Count} frames: {InteropTraffic.Show(message)}";
    }
}

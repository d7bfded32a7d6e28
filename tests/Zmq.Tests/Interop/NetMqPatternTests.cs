using NetMQ;
using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// PUB/SUB and REQ/REP between Zmq and NetMQ (a managed ZeroMQ speaking ZMTP 3.0) over tcp, both
/// ways round, either side binding. A NetMQ SUB sends its subscriptions as <c>\x01topic</c>
/// messages, which a Zmq PUB must apply (it filters: without them nothing would come); a Zmq SUB
/// must send NetMQ its subscriptions in that 3.0 message form, not as ZMTP 3.1 SUBSCRIBE commands
/// (NetMQ's PUB filters, so without them nothing would come).
/// </summary>
/// <remarks>Each NetMQ socket is used from one thread: the PUB/SUB tests run whole on one thread-pool thread.</remarks>
public sealed class NetMqPatternTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public Task PubSub_ZmqPubToNetMqSub_OnlySubscribedTopicsUntilUnsubscribed(bool netMqBinds) => Task.Run(() =>
    {
        using var pub = new PubSocket();
        using var sub = new NetMQ.Sockets.SubscriberSocket();
        sub.Subscribe("weather");
        sub.Subscribe("sports");
        NetMqLink.Link(sub, pub, netMqBinds);
        var probes = new List<string[]>();
        ProbeNetMq(pub, sub, probes, "weather", "probe");
        ProbeNetMq(pub, sub, probes, "sports", "probe");

        foreach (string[] message in LibzmqPubSubTests.Traffic)
        {
            pub.Send(new Message(message));
        }
        foreach (string[] expected in LibzmqPubSubTests.Wanted)
        {
            Assert.Equal(expected, ReceiveNetMq(sub, probes));
        }

        sub.Unsubscribe("weather");
        sub.Subscribe("news");
        ProbeNetMq(pub, sub, probes, "news", "probe");
        pub.Send(new Message("weather", "after unsubscribing"));
        pub.Send(new Message("news", "subscribed later"));
        pub.Send(new Message("sports", "last"));
        Assert.Equal(["news", "subscribed later"], ReceiveNetMq(sub, probes));
        Assert.Equal(["sports", "last"], ReceiveNetMq(sub, probes));
    }, TestContext.Current.CancellationToken);

    [Theory(Timeout = 30_000)]
    [InlineData(true)]
    [InlineData(false)]
    public Task PubSub_NetMqPubToZmqSub_OnlySubscribedTopicsUntilUnsubscribed(bool netMqBinds) => Task.Run(() =>
    {
        using var sub = new SubSocket();
        sub.Subscribe("weather");
        sub.Subscribe("sports");
        using var pub = new NetMQ.Sockets.PublisherSocket();
        NetMqLink.Link(pub, sub, netMqBinds);
        var filter = new ProbeFilter();
        filter.Probe(() => pub.SendMultipartMessage(ToNetMq("weather", "probe")), sub, "the NetMQ publisher", "weather", "probe");
        filter.Probe(() => pub.SendMultipartMessage(ToNetMq("sports", "probe")), sub, "the NetMQ publisher", "sports", "probe");

        foreach (string[] message in LibzmqPubSubTests.Traffic)
        {
            pub.SendMultipartMessage(ToNetMq(message));
        }
        foreach (string[] expected in LibzmqPubSubTests.Wanted)
        {
            Assert.Equal(expected, filter.Receive(sub));
        }

        sub.Unsubscribe("weather");
        sub.Subscribe("news");
        filter.Probe(() => pub.SendMultipartMessage(ToNetMq("news", "probe")), sub, "the NetMQ publisher", "news", "probe");
        pub.SendMultipartMessage(ToNetMq("weather", "after unsubscribing"));
        pub.SendMultipartMessage(ToNetMq("news", "subscribed later"));
        pub.SendMultipartMessage(ToNetMq("sports", "last"));
        Assert.Equal(["news", "subscribed later"], filter.Receive(sub));
        Assert.Equal(["sports", "last"], filter.Receive(sub));
    }, TestContext.Current.CancellationToken);

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReqRep_ZmqReqToNetMqRep_EveryReplyAnswersItsRequest(bool netMqBinds)
    {
        using var req = new ReqSocket();
        using var rep = new NetMQ.Sockets.ResponseSocket();
        rep.Options.Linger = TimeSpan.FromSeconds(5);
        NetMqLink.Link(rep, req, netMqBinds);

        Task<string?> serving = Task.Run(() => NetMqLink.Serve(rep, RoundTrips.Count), TestContext.Current.CancellationToken);
        string? requested = await Task.Run(() => RoundTrips.Request(req, RoundTrips.Count), TestContext.Current.CancellationToken);

        string? served = await serving;
        Assert.True(served is null, served);
        Assert.True(requested is null, $"Zmq REQ: {requested}");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReqRep_NetMqReqToZmqRep_EveryReplyAnswersItsRequest(bool netMqBinds)
    {
        using var rep = new RepSocket();
        using var req = new NetMQ.Sockets.RequestSocket();
        req.Options.Linger = TimeSpan.FromSeconds(5);
        NetMqLink.Link(req, rep, netMqBinds);

        Task<string?> requesting = Task.Run(() => NetMqLink.Request(req, RoundTrips.Count), TestContext.Current.CancellationToken);
        string? served = await Task.Run(() => RoundTrips.Serve(rep, RoundTrips.Count), TestContext.Current.CancellationToken);

        string? requested = await requesting;
        Assert.True(requested is null, requested);
        Assert.True(served is null, $"Zmq REP: {served}");
    }

    private static NetMQMessage ToNetMq(params string[] frames) => NetMqLink.ToNetMq(frames.Select(System.Text.Encoding.UTF8.GetBytes));

    /// <summary>Publishes <paramref name="probe"/> on the Zmq publisher every 20 ms until the NetMQ subscriber receives it, for at most 10 s; later copies are skipped.</summary>
    private static void ProbeNetMq(PubSocket pub, NetMQ.Sockets.SubscriberSocket sub, List<string[]> probes, params string[] probe)
    {
        DateTime deadline = DateTime.UtcNow + s_wait;
        while (DateTime.UtcNow < deadline)
        {
            pub.Send(new Message(probe));
            NetMQMessage? got = null;
            if (sub.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(20), ref got))
            {
                string[] strings = Strings(got);
                if (!probes.Any(p => p.SequenceEqual(strings)))
                {
                    Assert.Equal(probe, strings);
                }
                if (strings.SequenceEqual(probe))
                {
                    probes.Add(probe);
                    return;
                }
            }
        }
        Assert.Fail($"the probe [{string.Join(", ", probe)}] never reached the NetMQ subscriber: its subscription never reached the Zmq publisher");
    }

    /// <summary>The next message on the NetMQ subscriber that is not a probe, failing the test if none comes within 10 s.</summary>
    private static string[] ReceiveNetMq(NetMQ.Sockets.SubscriberSocket sub, List<string[]> probes)
    {
        while (true)
        {
            NetMQMessage? message = null;
            Assert.True(sub.TryReceiveMultipartMessage(s_wait, ref message), $"the NetMQ subscriber received nothing within {s_wait.TotalSeconds} s");
            string[] strings = Strings(message);
            if (!probes.Any(p => p.SequenceEqual(strings)))
            {
                return strings;
            }
        }
    }

    private static string[] Strings(NetMQMessage message) => [.. message.Select(static f => f.ConvertToString(System.Text.Encoding.UTF8))];
}

using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// PUB/SUB between Zmq and libzmq (pyzmq), both ways round, over tcp, ipc paths and abstract ipc
/// names, with either side binding: subscriptions cross, a subscriber gets exactly its topics
/// (prefix matching, two topics at once), and unsubscribing stops delivery.
/// </summary>
/// <remarks>
/// PUB drops what arrives before a subscription, and the protocol has no acknowledgement, so the
/// tests publish a probe repeatedly until the subscriber has it (bounded by a deadline); ordering
/// on a connection then tells what was filtered out: a message published before one that arrived
/// either arrived first or was not delivered.
/// </remarks>
public sealed class LibzmqPubSubTests
{
    /// <summary>
    /// A libzmq PUB publishes <c>[b"topic", b"hello"]</c> (and <c>[b"other", b"nope"]</c>) until it
    /// is told to stop; a Zmq SUB subscribed to "topic" receives exactly <c>["topic", "hello"]</c>,
    /// and nothing else up to the final <c>["topic", "end"]</c>.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PubSub_LibzmqPubToZmqSub_SubscriberGetsExactlyTopicHello(InteropTransport transport, bool zmqBinds)
    {
        using var sub = new SubSocket();
        sub.Subscribe("topic");
        await using LibzmqLink link = await LibzmqLink.StartAsync([sub], PyZmqPatternScripts.PublishTopicHello, transport, zmqBinds);

        using (Message first = sub.ReceiveWithin())
        {
            Assert.Equal(["topic", "hello"], first.Strings());
        }
        await link.Peer.WriteLineAsync("STOP");
        int hellos = 1;
        while (true)
        {
            using Message message = sub.ReceiveWithin();
            if (message.Strings() is ["topic", "end"])
            {
                break;
            }
            Assert.Equal(["topic", "hello"], message.Strings());
            hellos++;
        }

        string sent = await link.Peer.ReadLineAsync();
        Assert.True(sent.StartsWith("SENT ", StringComparison.Ordinal), $"libzmq peer reported: {sent}; stderr:\n{link.Peer.Stderr}");
        Assert.InRange(hellos, 1, int.Parse(sent["SENT ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await link.Peer.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    /// <summary>
    /// A Zmq PUB publishes <c>["topic", "hello"]</c> (and <c>["other", "nope"]</c>) until a libzmq
    /// SUB subscribed to b"topic" has a message; that message is exactly <c>[b"topic", b"hello"]</c>,
    /// and so is every one after it up to the final <c>["topic", "end"]</c>.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PubSub_ZmqPubToLibzmqSub_SubscriberGetsExactlyTopicHello(InteropTransport transport, bool zmqBinds)
    {
        using var pub = new PubSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([pub], PyZmqPatternScripts.SubscribeTopic, transport, zmqBinds);

        Task<string> got = link.Peer.ReadLineAsync();
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!got.IsCompleted && DateTime.UtcNow < deadline)
        {
            pub.Send(new Message("other", "nope"));
            pub.Send(new Message("topic", "hello"));
            await got.CompletesWithinAsync(TimeSpan.FromMilliseconds(10));
        }
        Assert.True(got.IsCompleted, "the libzmq subscriber received nothing in 10 s: its subscription never reached the Zmq publisher");
        Assert.Equal("GOT [b'topic', b'hello']", await got);
        pub.Send(new Message("topic", "end"));

        string result = await link.Peer.ReadLineAsync();
        Assert.True(result.StartsWith("OK ", StringComparison.Ordinal), $"libzmq peer reported: {result}; stderr:\n{link.Peer.Stderr}");
        Assert.Equal(0, await link.Peer.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    /// <summary>
    /// A libzmq SUB with two topics gets from a Zmq PUB exactly the messages that start with either
    /// (prefix matching, in order), and after unsubscribing one and subscribing to a third while
    /// connected, only those of the other two.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PubSub_ZmqPubToLibzmqSub_OnlySubscribedTopicsUntilUnsubscribed(InteropTransport transport, bool zmqBinds)
    {
        using var pub = new PubSocket();
        await using LibzmqAgent sub = await LibzmqAgent.StartAsync(pub, "SUB", transport, zmqBinds,
            LibzmqAgent.Option("SUBSCRIBE", "weather"), LibzmqAgent.Option("SUBSCRIBE", "sports"));
        await sub.ProbeFromAsync(pub, "weather", "probe");
        await sub.ProbeFromAsync(pub, "sports", "probe");

        foreach (string[] message in Traffic)
        {
            pub.Send(new Message(message));
        }
        foreach (string[] expected in Wanted)
        {
            Assert.Equal(expected, await sub.ReceiveStringsAsync());
        }

        await sub.SetAsync("UNSUBSCRIBE", "weather");
        await sub.SetAsync("SUBSCRIBE", "news");
        await sub.ProbeFromAsync(pub, "news", "probe");
        pub.Send(new Message("weather", "after unsubscribing"));
        pub.Send(new Message("news", "subscribed later"));
        pub.Send(new Message("sports", "last"));
        Assert.Equal(["news", "subscribed later"], await sub.ReceiveStringsAsync());
        Assert.Equal(["sports", "last"], await sub.ReceiveStringsAsync());
        await sub.ExitAsync();
    }

    /// <summary>
    /// A Zmq SUB with two topics gets from a libzmq PUB (which filters, so nothing comes unless the
    /// subscriptions reached it) exactly the messages that start with either, and after
    /// unsubscribing one and subscribing to a third while connected (which must reach the
    /// publisher too), only those of the other two.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PubSub_LibzmqPubToZmqSub_OnlySubscribedTopicsUntilUnsubscribed(InteropTransport transport, bool zmqBinds)
    {
        using var sub = new SubSocket();
        sub.Subscribe("weather");
        sub.Subscribe("sports");
        await using LibzmqAgent pub = await LibzmqAgent.StartAsync(sub, "PUB", transport, zmqBinds);
        var filter = new ProbeFilter();
        await pub.ProbeToAsync(sub, filter, "weather", "probe");
        await pub.ProbeToAsync(sub, filter, "sports", "probe");

        foreach (string[] message in Traffic)
        {
            await pub.SendAsync(message);
        }
        foreach (string[] expected in Wanted)
        {
            Assert.Equal(expected, filter.Receive(sub));
        }

        sub.Unsubscribe("weather");
        sub.Subscribe("news");
        await pub.ProbeToAsync(sub, filter, "news", "probe");
        await pub.SendAsync("weather", "after unsubscribing");
        await pub.SendAsync("news", "subscribed later");
        await pub.SendAsync("sports", "last");
        Assert.Equal(["news", "subscribed later"], filter.Receive(sub));
        Assert.Equal(["sports", "last"], filter.Receive(sub));
        await pub.ExitAsync();
    }

    /// <summary>What the filtering tests publish to a subscriber of "weather" and "sports".</summary>
    internal static readonly string[][] Traffic =
    [
        ["news", "not subscribed"],
        ["weather", "sunny"],
        ["sport", "a prefix of a topic is not a match"],
        ["sports", "3-1"],
        ["", "empty first frame"],
        ["weatherman", "prefix match"],
        ["Weather", "case matters"],
        ["weather"],
        ["sports", "", "empty frame inside"],
        ["other", "last unwanted"],
        ["weather", "end"],
    ];

    /// <summary>The part of <see cref="Traffic"/> such a subscriber gets, in order.</summary>
    internal static readonly string[][] Wanted =
    [
        ["weather", "sunny"],
        ["sports", "3-1"],
        ["weatherman", "prefix match"],
        ["weather"],
        ["sports", "", "empty frame inside"],
        ["weather", "end"],
    ];
}

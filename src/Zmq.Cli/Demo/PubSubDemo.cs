using System.Buffers.Binary;

namespace Zmq.Cli.Demo;

/// <summary>
/// PUB -&gt; two SUBs: the peer publishes the burst alternately on the topics <c>sports</c> and
/// <c>weather</c>; the demo's two subscribers, one per topic, must each get exactly their half, in
/// order. Messages are a topic frame then a number counting per topic.
/// </summary>
internal sealed class PubSubDemo : DemoPattern
{
    private static readonly string[] Topics = ["sports", "weather"];

    /// <inheritdoc/>
    public override string Name => "PUB -> 2 SUBs";

    /// <inheritdoc/>
    public override string Key => "pub-sub";

    /// <inheritdoc/>
    public override string? Note =>
        "PUB -> 2 SUBs: topics sports and weather alternate; each subscriber must get exactly its half.";

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        // No high-water mark: a PUB drops what a slow subscriber cannot queue, and the demo counts every message.
        using var sports = new SubSocket { ReceiveHighWatermark = 0 };
        using var weather = new SubSocket { ReceiveHighWatermark = 0 };
        using var ready = new PushSocket();
        sports.Subscribe(Topics[0]);
        weather.Subscribe(Topics[1]);
        link.Bind(sports, weather, ready);
        SubSocket[] subscribers = [sports, weather];
        Tally[] parts = [new Tally((tally.Expected + 1) / 2), new Tally(tally.Expected / 2)];
        if (SubscriptionProbe.AwaitProbes(subscribers, ready, tally))
        {
            Task[] receiving = [.. Enumerable.Range(0, Topics.Length).Select(i => Task.Factory.StartNew(
                () => Receive(subscribers[i], Topics[i], parts[i]), TaskCreationOptions.LongRunning))];
            Task.WaitAll(receiving);
            tally.Absorb(parts);
        }
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        using var publisher = new PubSocket { Linger = DemoMessages.Patience, SendHighWatermark = 0 };
        publisher.Connect(endpoints[0]);
        publisher.Connect(endpoints[1]);
        using var ready = new PullSocket();
        ready.Connect(endpoints[2]);
        SubscriptionProbe.PublishUntilReady(publisher, ready, Topics);
        foreach (string topic in Topics)
        {
            DemoMessages.Send(publisher, DemoMessages.Greeting(topic));
        }
        using var message = new Message();
        Span<byte> number = stackalloc byte[sizeof(int)];
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(number, i / Topics.Length);
            DemoMessages.Send(publisher, message.Add(Topics[i % Topics.Length]).Add(number));
        }
    }

    private static void Receive(SubSocket subscriber, string topic, Tally part)
    {
        if (part.ReceiveGreeting(subscriber, topic, skip: SubscriptionProbe.IsProbe))
        {
            part.ReceiveBurst(subscriber, isNext: (message, n) => IsNumbered(message, topic, n));
        }
    }

    private static bool IsNumbered(Message message, string topic, int number) =>
        message.Count == 2 && message.GetString(0) == topic
        && message[1].Length == sizeof(int) && BinaryPrimitives.ReadInt32BigEndian(message[1].Span) == number;
}

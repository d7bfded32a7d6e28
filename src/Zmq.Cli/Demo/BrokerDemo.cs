namespace Zmq.Cli.Demo;

/// <summary>
/// PUB -&gt; proxy -&gt; SUB: an event broker. The demo runs a <see cref="Proxy"/> between an XSUB
/// frontend, which the peer's publisher connects to, and an XPUB backend, which the demo's
/// subscriber connects to: messages flow down through it, the subscription flows up.
/// </summary>
internal sealed class BrokerDemo : DemoPattern
{
    /// <inheritdoc/>
    public override string Name => "PUB -> proxy -> SUB";

    /// <inheritdoc/>
    public override string Key => "broker";

    /// <inheritdoc/>
    public override string? Note =>
        "PUB -> proxy -> SUB: a Proxy (XSUB frontend, XPUB backend) in the demo relays events and subscriptions.";

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        // No high-water marks: publishers drop what a slow subscriber cannot queue, and the demo counts every message.
        using var frontend = new XSubSocket { ReceiveHighWatermark = 0 };
        using var backend = new XPubSocket { SendHighWatermark = 0 };
        using var subscriber = new SubSocket { ReceiveHighWatermark = 0 };
        using var ready = new PushSocket();
        using var stop = new CancellationTokenSource();
        Task proxying = new Proxy(frontend, backend).RunAsync(stop.Token);
        try
        {
            subscriber.Subscribe("");
            subscriber.Connect(link.BindLocal(backend));
            link.Bind(frontend, ready);
            if (SubscriptionProbe.AwaitProbes([subscriber], ready, tally)
                && tally.ReceiveGreeting(subscriber, skip: SubscriptionProbe.IsProbe))
            {
                tally.ReceiveBurst(subscriber);
            }
        }
        finally
        {
            stop.Cancel();
            proxying.GetAwaiter().GetResult();
        }
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        using var publisher = new PubSocket { Linger = DemoMessages.Patience, SendHighWatermark = 0 };
        publisher.Connect(endpoints[0]);
        using var ready = new PullSocket();
        ready.Connect(endpoints[1]);
        SubscriptionProbe.PublishUntilReady(publisher, ready, DemoMessages.Topic);
        DemoMessages.Send(publisher, DemoMessages.Greeting());
        DemoMessages.SendBurst(publisher, count);
    }
}

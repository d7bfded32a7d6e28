namespace Zmq.Cli.Demo;

/// <summary>PAIR &lt;-&gt; PAIR: the demo sends, the peer echoes every message back, and the demo checks the echoes.</summary>
internal sealed class PairDemo : DemoPattern
{
    /// <inheritdoc/>
    public override string Name => "PAIR <-> PAIR";

    /// <inheritdoc/>
    public override string Key => "pair";

    /// <inheritdoc/>
    public override string? Note => "PAIR <-> PAIR: the peer echoes every message, so each row counts the echoes (round trips).";

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        using var pair = new PairSocket();
        link.Bind(pair);
        DemoMessages.Send(pair, DemoMessages.Greeting());
        if (!tally.ReceiveGreeting(pair))
        {
            return;
        }
        // Send on another thread while this one takes the echoes: sockets are thread-safe.
        Task sending = Task.Factory.StartNew(() => DemoMessages.SendBurst(pair, tally.Expected), TaskCreationOptions.LongRunning);
        tally.ReceiveBurst(pair);
        sending.GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        using var pair = new PairSocket { Linger = DemoMessages.Patience };
        pair.Connect(endpoints[0]);
        using var message = new Message();
        for (int i = 0; i <= count; i++)
        {
            DemoMessages.Receive(pair, message);
            DemoMessages.Send(pair, message);
        }
    }
}

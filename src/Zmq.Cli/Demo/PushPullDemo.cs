namespace Zmq.Cli.Demo;

/// <summary>PUSH -> PULL: the peer pushes, the demo pulls and checks.</summary>
internal sealed class PushPullDemo : DemoPattern
{
    /// <inheritdoc/>
    public override string Name => "PUSH -> PULL";

    /// <inheritdoc/>
    public override string Key => "push-pull";

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        using var pull = new PullSocket();
        link.Bind(pull);
        if (tally.ReceiveGreeting(pull))
        {
            tally.ReceiveBurst(pull);
        }
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        using var push = new PushSocket { Linger = DemoMessages.Patience };
        push.Connect(endpoints[0]);
        DemoMessages.Send(push, DemoMessages.Greeting());
        DemoMessages.SendBurst(push, count);
    }
}

namespace Zmq.Cli.Demo;

/// <summary>
/// REQ &lt;-&gt; REP: remote procedure calls. The demo's REQ sends each request and waits for its
/// reply before sending the next; the peer's REP answers each with the request itself. The demo side
/// binds here as in every run (in ZeroMQ either side may bind; servers usually do).
/// </summary>
internal sealed class ReqRepDemo : DemoPattern
{
    /// <summary>How much smaller the burst is than the demo's: one round trip at a time is slower than a stream.</summary>
    public const int Divisor = 20;

    /// <inheritdoc/>
    public override string Name => "REQ <-> REP";

    /// <inheritdoc/>
    public override string Key => "req-rep";

    /// <inheritdoc/>
    public override string? Note =>
        $"REQ <-> REP: strict request-reply, a 20th of the burst; per msg is the latency of one round trip.";

    /// <inheritdoc/>
    public override int BurstSize(int count) => Math.Max(1, count / Divisor);

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        using var req = new ReqSocket();
        link.Bind(req);
        DemoMessages.Send(req, DemoMessages.Greeting());
        if (!tally.ReceiveGreeting(req))
        {
            return;
        }
        using var request = new Message();
        tally.ReceiveBurst(req, before: number => DemoMessages.Send(req, DemoMessages.Numbered(request, number)));
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        using var rep = new RepSocket { Linger = DemoMessages.Patience };
        rep.Connect(endpoints[0]);
        using var message = new Message();
        for (int i = 0; i <= count; i++)
        {
            DemoMessages.Receive(rep, message);
            DemoMessages.Send(rep, message);
        }
    }
}

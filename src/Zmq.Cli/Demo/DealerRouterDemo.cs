using System.Text;

namespace Zmq.Cli.Demo;

/// <summary>
/// DEALER &lt;-&gt; ROUTER: asynchronous requests. The demo's DEALER announces the routing id
/// <see cref="ClientId"/> and sends without waiting for replies; the peer's ROUTER receives each
/// message after that id and sends it back to the peer the id names. The demo checks the echoes.
/// </summary>
internal sealed class DealerRouterDemo : DemoPattern
{
    /// <summary>The routing id the demo's DEALER announces, which the ROUTER sees first in every message.</summary>
    public const string ClientId = "demo-client";

    /// <inheritdoc/>
    public override string Name => "DEALER <-> ROUTER";

    /// <inheritdoc/>
    public override string Key => "dealer-router";

    /// <inheritdoc/>
    public override string? Note =>
        $"DEALER <-> ROUTER: the ROUTER returns each message to the DEALER named by its routing id ({ClientId}).";

    /// <inheritdoc/>
    public override void RunLocal(DemoLink link, Tally tally)
    {
        using var dealer = new DealerSocket { RoutingId = Encoding.UTF8.GetBytes(ClientId) };
        link.Bind(dealer);
        DemoMessages.Send(dealer, DemoMessages.Greeting());
        if (!tally.ReceiveGreeting(dealer))
        {
            return;
        }
        // Requests go out on another thread while this one takes the replies: nothing waits for a round trip.
        Task sending = Task.Factory.StartNew(() => DemoMessages.SendBurst(dealer, tally.Expected), TaskCreationOptions.LongRunning);
        tally.ReceiveBurst(dealer);
        sending.GetAwaiter().GetResult();
    }

    /// <inheritdoc/>
    public override void RunPeer(IReadOnlyList<string> endpoints, int count)
    {
        // Mandatory: a reply to a peer whose queue is full waits instead of being dropped.
        using var router = new RouterSocket { Linger = DemoMessages.Patience, Mandatory = true };
        router.Connect(endpoints[0]);
        using var message = new Message();
        for (int i = 0; i <= count; i++)
        {
            DemoMessages.Receive(router, message);
            if (message.Count < 2 || message.GetString(0) != ClientId)
            {
                throw new InvalidOperationException($"the ROUTER got {message}, not a message from {ClientId}");
            }
            DemoMessages.Send(router, message);
        }
    }
}

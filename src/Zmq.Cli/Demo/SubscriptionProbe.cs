using System.Diagnostics;

namespace Zmq.Cli.Demo;

/// <summary>
/// A PUB drops what it publishes until a subscriber's subscription has reached it, and it cannot
/// tell when that is. So the publisher publishes a probe on each topic every millisecond until the
/// subscribers' side, having received a probe on every subscriber, says so on a back channel
/// (PUSH to PULL). Probes still on their way then are skipped by the subscribers.
/// </summary>
internal static class SubscriptionProbe
{
    private const string Body = "probe";

    /// <summary>The publisher's side: probes every topic until <paramref name="ready"/> receives a message.</summary>
    /// <exception cref="TimeoutException">No word came within <see cref="DemoMessages.Patience"/>.</exception>
    public static void PublishUntilReady(ISendingSocket publisher, IReceivingSocket ready, params string[] topics)
    {
        var clock = Stopwatch.StartNew();
        using var word = new Message();
        using var message = new Message();
        while (!ready.TryReceive(word, TimeSpan.FromMilliseconds(1)))
        {
            if (clock.Elapsed > DemoMessages.Patience)
            {
                throw new TimeoutException($"the subscribers did not get a probe within {Seconds.Format(DemoMessages.Patience)} s");
            }
            foreach (string topic in topics)
            {
                DemoMessages.Send(publisher, message.Add(topic).Add(Body));
            }
        }
    }

    /// <summary>The subscribers' side: waits for a probe on each subscriber, then tells the publisher on <paramref name="ready"/>; false (with the tally's problem set) when a probe does not come.</summary>
    public static bool AwaitProbes(IReadOnlyList<IReceivingSocket> subscribers, ISendingSocket ready, Tally tally)
    {
        using var message = new Message();
        foreach (IReceivingSocket subscriber in subscribers)
        {
            if (!subscriber.TryReceive(message, DemoMessages.Patience) || !IsProbe(message))
            {
                return tally.Fail($"no subscription probe reached a subscriber within {Seconds.Format(DemoMessages.Patience)} s");
            }
        }
        message.Clear();
        DemoMessages.Send(ready, message.Add("ready"));
        return true;
    }

    /// <summary>True for a probe (which the subscribers skip).</summary>
    public static bool IsProbe(Message message) => message.Count == 2 && message.GetString(1) == Body;
}

using System.Diagnostics;

namespace Zmq.Cli.Demo;

/// <summary>What the local side of a run saw: the topic/hello check, how much of the burst arrived and whether in order, and how long the burst took.</summary>
/// <param name="expected">The number of burst messages sent.</param>
internal sealed class Tally(int expected)
{
    /// <summary>The number of burst messages sent.</summary>
    public int Expected { get; } = expected;

    /// <summary>True once the topic/hello message arrived intact.</summary>
    public bool Greeted { get; private set; }

    /// <summary>Burst messages received.</summary>
    public int Received { get; private set; }

    /// <summary>True while every burst message arrived in the order it was sent.</summary>
    public bool InOrder { get; private set; } = true;

    /// <summary>From the start of <see cref="ReceiveBurst"/> to the last burst message.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>What went wrong, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>True when the topic/hello message and every burst message arrived, in order, without a problem.</summary>
    public bool Complete => Problem is null && Greeted && Received == Expected && InOrder;

    /// <summary>Receives the topic/hello message and checks it; false (with <see cref="Problem"/> set) when it is wrong or does not come.</summary>
    /// <param name="socket">The socket to receive on.</param>
    /// <param name="topic">The first frame of the greeting (a subscriber's topic): <c>topic</c> unless told.</param>
    /// <param name="skip">Recognises messages that may come first and are not part of the run (late subscription probes), or null.</param>
    public bool ReceiveGreeting(IReceivingSocket socket, string topic = DemoMessages.Topic, Func<Message, bool>? skip = null)
    {
        using var message = new Message();
        do
        {
            if (!socket.TryReceive(message, DemoMessages.Patience))
            {
                return Fail($"no {topic}/hello message within {Seconds.Format(DemoMessages.Patience)} s");
            }
        }
        while (skip?.Invoke(message) == true);
        Greeted = DemoMessages.IsGreeting(message, topic);
        return Greeted || Fail($"the first message was {message}, not {topic}/hello");
    }

    /// <summary>Receives the burst, timing it; stops early (with <see cref="Problem"/> set) when nothing arrives for <see cref="DemoMessages.Patience"/>.</summary>
    /// <param name="socket">The socket to receive on.</param>
    /// <param name="before">Runs before each receive with the number of the message to come (a request that asks for it), or null.</param>
    /// <param name="isNext">Checks that a message is burst message number N (default: its one frame holds N).</param>
    public void ReceiveBurst(IReceivingSocket socket, Action<int>? before = null, Func<Message, int, bool>? isNext = null)
    {
        using var message = new Message();
        var clock = Stopwatch.StartNew();
        while (Received < Expected)
        {
            before?.Invoke(Received);
            if (!socket.TryReceive(message, DemoMessages.Patience))
            {
                Fail($"nothing arrived for {Seconds.Format(DemoMessages.Patience)} s after message {Received:N0}");
                break;
            }
            InOrder &= isNext?.Invoke(message, Received) ?? DemoMessages.NumberOf(message) == Received;
            Received++;
        }
        Elapsed = clock.Elapsed;
    }

    /// <summary>
    /// Adds up the tallies of the receivers that shared the run's burst (several subscribers):
    /// greeted and in order when all were, everything received, the time of the slowest, the first problem.
    /// </summary>
    public void Absorb(IReadOnlyList<Tally> parts)
    {
        Greeted = parts.All(part => part.Greeted);
        Received = parts.Sum(part => part.Received);
        InOrder = parts.All(part => part.InOrder);
        Elapsed = parts.Max(part => part.Elapsed);
        foreach (string problem in parts.Select(part => part.Problem).OfType<string>())
        {
            Fail(problem);
        }
    }

    /// <summary>Records <paramref name="problem"/> (the first one wins) and returns false.</summary>
    public bool Fail(string problem)
    {
        Problem ??= problem;
        return false;
    }
}

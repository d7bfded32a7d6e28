using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>Probes a Zmq subscriber, then receives on it skipping copies of the probes (publishers send them more than once).</summary>
internal sealed class ProbeFilter
{
    private readonly List<string[]> _probes = [];

    /// <summary>
    /// Calls <paramref name="publishOnce"/> every 20 ms until <paramref name="subscriber"/> receives
    /// <paramref name="probe"/>, for at most 10 s (failing the test, naming <paramref name="publisher"/>);
    /// later copies of it are skipped.
    /// </summary>
    public async Task ProbeAsync(Func<Task> publishOnce, IReceivingSocket subscriber, string publisher, params string[] probe)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await publishOnce();
            while (subscriber.TryReceive(TimeSpan.FromMilliseconds(20), out Message? got))
            {
                string[] strings = got.Strings();
                got.Dispose();
                if (IsProbe(strings))
                {
                    continue;   // a late copy of an earlier probe
                }
                Assert.Equal(probe, strings);
                _probes.Add(probe);
                return;
            }
        }
        Assert.Fail($"the probe [{string.Join(", ", probe)}] never reached the Zmq subscriber: its subscription never reached {publisher}");
    }

    /// <summary>
    /// Calls <paramref name="publishOnce"/> every 20 ms until <paramref name="subscriber"/> receives
    /// <paramref name="probe"/>, for at most 10 s, on this thread (for publishers such as NetMQ
    /// sockets that must stay on one); see <see cref="ProbeAsync(Func{Task}, IReceivingSocket, string, string[])"/>.
    /// </summary>
    public void Probe(Action publishOnce, IReceivingSocket subscriber, string publisher, params string[] probe) =>
        ProbeAsync(() =>
        {
            publishOnce();
            return Task.CompletedTask;
        }, subscriber, publisher, probe).GetAwaiter().GetResult();

    /// <summary>Publishes <paramref name="probe"/> on the Zmq <paramref name="publisher"/> until <paramref name="subscriber"/> receives it; see <see cref="ProbeAsync(Func{Task}, IReceivingSocket, string, string[])"/>.</summary>
    public Task ProbeAsync(ISendingSocket publisher, IReceivingSocket subscriber, params string[] probe) =>
        ProbeAsync(() =>
        {
            publisher.Send(new Message(probe));
            return Task.CompletedTask;
        }, subscriber, "the publisher", probe);

    /// <summary>The next message that is not a probe, as UTF-8 strings, failing the test if none comes within 10 s.</summary>
    public string[] Receive(IReceivingSocket subscriber)
    {
        while (true)
        {
            using Message message = subscriber.ReceiveWithin();
            string[] strings = message.Strings();
            if (!IsProbe(strings))
            {
                return strings;
            }
        }
    }

    private bool IsProbe(string[] message) => _probes.Any(probe => probe.SequenceEqual(message));
}

/// <summary>Bounded waiting on a task that keeps running past the wait.</summary>
internal static class TaskWaits
{
    /// <summary>True when <paramref name="task"/> completed within <paramref name="wait"/> (rethrowing its failure), false when it still runs.</summary>
    public static async Task<bool> CompletesWithinAsync(this Task task, TimeSpan wait)
    {
        try
        {
            await task.WaitAsync(wait);
            return true;
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            return false;
        }
    }
}

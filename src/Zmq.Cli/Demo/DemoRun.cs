namespace Zmq.Cli.Demo;

/// <summary>Runs one pattern over one transport: the local side here, the peer on a thread or in a second process.</summary>
internal static class DemoRun
{
    /// <summary>Runs <paramref name="pattern"/> over <paramref name="transport"/> with a burst of <paramref name="count"/> (as <see cref="DemoPattern.BurstSize"/> adjusts it); never throws for a failed run.</summary>
    public static DemoResult Run(DemoPattern pattern, DemoTransport transport, int count)
    {
        count = pattern.BurstSize(count);
        var tally = new Tally(count);
        using var link = new DemoLink(pattern, transport, count);
        try
        {
            pattern.RunLocal(link, tally);
        }
        catch (Exception error) when (error is TimeoutException or ZmqException or ArgumentException or InvalidOperationException or IOException)
        {
            tally.Fail(error.Message);
        }
        string? peerProblem = link.WaitForPeer(DemoMessages.Patience);
        return new DemoResult(pattern, transport, tally, peerProblem);
    }
}

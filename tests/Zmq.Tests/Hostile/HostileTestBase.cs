using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// Shared by the hostile-input test classes: records task exceptions nobody observed (a library
/// loop that threw instead of turning the failure into a reason), and checks the monitor events.
/// </summary>
public abstract class HostileTestBase : IDisposable
{
    private readonly List<Exception> _unobserved = [];

    protected HostileTestBase()
    {
        TaskScheduler.UnobservedTaskException += OnUnobservedTaskException;
    }

    /// <summary>The stream transports, for <c>[MemberData]</c>.</summary>
    public static TheoryData<TransportKind> Streams => TestEndpoints.Streams;

    /// <summary>A raw client connected to the arena's PULL that has completed the NULL handshake as PUSH.</summary>
    private protected static async Task<RawZmtpClient> HandshakenRawAsync(PullArena arena)
    {
        RawZmtpClient raw = await arena.ConnectRawAsync();
        await raw.HandshakeAsync("PUSH");
        await arena.WaitForEventAsync(SocketEventKind.HandshakeSucceeded, raw);
        return raw;
    }

    /// <summary>Forces finalization of dropped tasks and fails if any of them held an exception.</summary>
    protected void AssertNoUnobservedTaskExceptions()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        lock (_unobserved)
        {
            Assert.True(_unobserved.Count == 0, "unobserved task exceptions:\n" + string.Join("\n---\n", _unobserved));
        }
    }

    /// <summary>Fails unless the event has a reason (after the peer address) containing every keyword.</summary>
    protected static void AssertReason(SocketEvent socketEvent, params string[] keywords)
    {
        string? detail = socketEvent.Detail;
        Assert.False(string.IsNullOrWhiteSpace(detail), $"{socketEvent.Kind} without a reason");
        int separator = detail.IndexOf(": ", StringComparison.Ordinal);
        string reason = separator >= 0 ? detail[(separator + 2)..] : detail;
        Assert.False(string.IsNullOrWhiteSpace(reason), $"{socketEvent.Kind} without a reason: '{detail}'");
        foreach (string keyword in keywords)
        {
            Assert.True(reason.Contains(keyword, StringComparison.OrdinalIgnoreCase), $"the reason '{reason}' does not mention '{keyword}'");
        }
    }

    public void Dispose()
    {
        TaskScheduler.UnobservedTaskException -= OnUnobservedTaskException;
        GC.SuppressFinalize(this);
    }

    private void OnUnobservedTaskException(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        lock (_unobserved)
        {
            _unobserved.Add(e.Exception);
        }
    }
}

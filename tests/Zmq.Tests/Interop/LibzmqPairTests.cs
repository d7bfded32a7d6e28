namespace Zmq.Tests.Interop;

/// <summary>
/// PAIR between Zmq and libzmq (pyzmq) over tcp, ipc paths and abstract ipc names, with either side
/// binding: both send the whole traffic of <see cref="InteropTraffic"/> (100,000 numbered messages
/// and the fixed ones) at the same time, and each receives all of the other's intact and in order.
/// </summary>
public sealed class LibzmqPairTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task Pair_TrafficBothWaysAtOnce_AllMessagesArriveIntactAndInOrder(InteropTransport transport, bool zmqBinds)
    {
        using var pair = new PairSocket { SendTimeout = TimeSpan.FromSeconds(20) };
        await using LibzmqLink link = await LibzmqLink.StartAsync(pair, PyZmqScripts.Pair, transport, zmqBinds, InteropTraffic.LibzmqCount);

        await link.RunAsync(() => SendAndReceiveAtOnce(pair), expected: "OK");
    }

    /// <summary>Sends the run on one thread while receiving the peer's on this one; null when both went through.</summary>
    private static string? SendAndReceiveAtOnce(PairSocket pair)
    {
        Task<string?> sending = Task.Run(() => InteropTraffic.SendAll(pair, InteropTraffic.LibzmqCount));
        string? received = InteropTraffic.ReceiveAll(pair, InteropTraffic.LibzmqCount);
        return received is not null ? "receiving: " + received : sending.GetAwaiter().GetResult() is { } sent ? "sending: " + sent : null;
    }
}

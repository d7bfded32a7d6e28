namespace Zmq.Tests.Interop;

/// <summary>
/// PUSH/PULL between Zmq and libzmq (pyzmq), both ways round, over tcp, ipc paths and abstract ipc
/// names, with either side binding: 100,000 numbered messages (multipart ones with empty frames
/// among them) and the fixed messages of <see cref="InteropTraffic"/> arrive intact and in order.
/// </summary>
public sealed class LibzmqPushPullTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PushPull_ZmqPushToLibzmqPull_AllMessagesArriveIntactAndInOrder(InteropTransport transport, bool zmqBinds)
    {
        using var push = new PushSocket { SendTimeout = TimeSpan.FromSeconds(20) };
        await using LibzmqLink link = await LibzmqLink.StartAsync(push, PyZmqScripts.Pull, transport, zmqBinds, InteropTraffic.LibzmqCount);

        await link.RunAsync(() => InteropTraffic.SendAll(push, InteropTraffic.LibzmqCount), expected: "OK");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task PushPull_LibzmqPushToZmqPull_AllMessagesArriveIntactAndInOrder(InteropTransport transport, bool zmqBinds)
    {
        using var pull = new PullSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync(pull, PyZmqScripts.Push, transport, zmqBinds, InteropTraffic.LibzmqCount);

        await link.RunAsync(() => InteropTraffic.ReceiveAll(pull, InteropTraffic.LibzmqCount), expected: "SENT");
    }
}

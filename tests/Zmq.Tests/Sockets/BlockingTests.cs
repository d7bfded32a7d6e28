using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>Timeouts, cancellation and disposal releasing blocked callers.</summary>
public sealed class BlockingTests
{
    [Fact(Timeout = 30000)]
    public async Task Dispose_WhileAnotherThreadIsBlockedInReceive_ReleasesItWithObjectDisposedException()
    {
        var pull = new PullSocket();
        pull.Bind(TestEndpoints.ForBind(TransportKind.Tcp));
        var started = new TaskCompletionSource();
        Task<Exception?> blocked = Task.Run(() =>
        {
            started.SetResult();
            return Record.Exception(() => pull.Receive());
        });
        await started.Task;
        await Eventually.TrueAsync(() => blocked.Status == TaskStatus.Running, "the receiver to be running");

        pull.Dispose();

        Exception? error = await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsType<ObjectDisposedException>(error);
    }

    [Fact(Timeout = 30000)]
    public async Task Dispose_WhileSendIsBlockedWithNoPeer_ReleasesItWithObjectDisposedException()
    {
        var push = new PushSocket();
        push.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        Task<Exception?> blocked = Task.Run(() => Record.Exception(() => push.Send("nobody listens")));
        await Eventually.TrueAsync(() => blocked.Status == TaskStatus.Running, "the sender to be running");

        push.Dispose();

        Assert.IsType<ObjectDisposedException>(await blocked.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 30000)]
    public async Task DisposeAsync_WhileReceiveAsyncWaits_FaultsItWithObjectDisposedException()
    {
        var pull = new PullSocket();
        pull.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        ValueTask<Message> pending = pull.ReceiveAsync();

        await pull.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending);
    }

    [Fact(Timeout = 30000)]
    public async Task ReceiveAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var pull = new PullSocket();
        pull.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pull.ReceiveAsync(cancel.Token));
    }

    [Fact(Timeout = 30000)]
    public async Task SendAsync_Cancelled_LeavesTheMessageUnchanged()
    {
        using var push = new PushSocket();
        push.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var message = new Message("kept", "too");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await push.SendAsync(message, cancel.Token));

        Assert.Equal(["kept", "too"], message.Strings());
    }

    [Fact(Timeout = 30000)]
    public async Task ReceiveAsync_MessageArrivesLater_Completes()
    {
        using var pull = new PullSocket();
        using var push = new PushSocket();
        push.Connect(pull.Bind(TestEndpoints.ForBind(TransportKind.Tcp)));
        ValueTask<Message> pending = pull.ReceiveAsync();

        await push.SendAsync("late");

        using Message message = await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("late", message.GetString(0));
    }

    [Fact(Timeout = 30000)]
    public void Receive_NothingArrivesWithinTheTimeout_ThrowsTimeoutException()
    {
        using var pull = new PullSocket { ReceiveTimeout = TimeSpan.FromMilliseconds(100) };
        pull.Bind(TestEndpoints.ForBind(TransportKind.Inproc));

        Assert.Throws<TimeoutException>(() => pull.Receive());
        Assert.False(pull.TryReceive(out _));
        Assert.False(pull.TryReceive(TimeSpan.FromMilliseconds(50), out _));
    }

    [Fact(Timeout = 30000)]
    public void Send_NoPeerWithinTheTimeout_ThrowsTimeoutExceptionAndKeepsTheMessage()
    {
        using var push = new PushSocket { SendTimeout = TimeSpan.FromMilliseconds(100) };
        push.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        var message = new Message("kept");

        Assert.Throws<TimeoutException>(() => push.Send(message));
        Assert.False(push.TrySend(message));
        Assert.Equal(["kept"], message.Strings());
    }

    [Fact(Timeout = 30000)]
    public void Send_Succeeds_LeavesTheMessageEmptyForReuse()
    {
        using var pull = new PullSocket();
        using var push = new PushSocket();
        push.Connect(pull.Bind(TestEndpoints.ForBind(TransportKind.Inproc)));
        var message = new Message("a", "b");

        push.Send(message);
        message.Add("c");
        push.Send(message);

        Assert.Equal(["a", "b"], pull.ReceiveWithin().Strings());
        Assert.Equal(["c"], pull.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Operations_AfterDispose_ThrowObjectDisposedException()
    {
        var socket = new PairSocket();
        socket.Dispose();

        Assert.Throws<ObjectDisposedException>(() => socket.Send("x"));
        Assert.Throws<ObjectDisposedException>(() => socket.TryReceive(out _));
        Assert.Throws<ObjectDisposedException>(() => socket.Bind("inproc://after-dispose"));
        Assert.Throws<ObjectDisposedException>(() => socket.Connect("inproc://after-dispose"));
        socket.Dispose();
    }

    [Fact(Timeout = 30000)]
    public void Send_EmptyMessage_IsRejectedWithArgumentException()
    {
        using var push = new PushSocket();

        Assert.Throws<ArgumentException>(() => push.Send(new Message()));
    }
}

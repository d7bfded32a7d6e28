using System.Buffers.Binary;

namespace Zmq;

/// <summary>Message and byte counts of a <see cref="Proxy"/> (libzmq's STATISTICS reply, in the same order).</summary>
/// <param name="FrontendMessagesIn">Messages received from the frontend.</param>
/// <param name="FrontendBytesIn">Bytes received from the frontend.</param>
/// <param name="FrontendMessagesOut">Messages sent to the frontend.</param>
/// <param name="FrontendBytesOut">Bytes sent to the frontend.</param>
/// <param name="BackendMessagesIn">Messages received from the backend.</param>
/// <param name="BackendBytesIn">Bytes received from the backend.</param>
/// <param name="BackendMessagesOut">Messages sent to the backend.</param>
/// <param name="BackendBytesOut">Bytes sent to the backend.</param>
public readonly record struct ProxyStatistics(
    long FrontendMessagesIn,
    long FrontendBytesIn,
    long FrontendMessagesOut,
    long FrontendBytesOut,
    long BackendMessagesIn,
    long BackendBytesIn,
    long BackendMessagesOut,
    long BackendBytesOut);

/// <summary>
/// A message broker between two sockets (libzmq's <c>zmq_proxy</c> and <c>zmq_proxy_steerable</c>):
/// forwards every message from the frontend to the backend and, when the sockets allow it, every
/// message from the backend to the frontend, optionally copying each one to a capture socket.
/// </summary>
/// <remarks>
/// <para>Typical pairs: XSUB frontend and XPUB backend (an event broker: data flows down,
/// subscriptions flow up), ROUTER frontend and DEALER backend (a service broker), PULL frontend and
/// PUSH backend (a streamer).</para>
/// <para>Steer it with <see cref="Pause"/>, <see cref="Resume"/>, <see cref="Terminate"/> and
/// <see cref="Statistics"/>, or through a control socket given to the constructor that receives the
/// libzmq commands <c>PAUSE</c>, <c>RESUME</c>, <c>TERMINATE</c> and <c>STATISTICS</c> (the reply,
/// when the control socket can send, is eight 8-byte frames in the order of <see cref="ProxyStatistics"/>;
/// a REP control socket gets an empty reply to every other command, as libzmq sends).</para>
/// <para>Capture is best effort: a copy that cannot be queued at once is dropped, so a slow
/// capture never slows the proxy. The proxy owns none of the sockets; dispose them after it stops.</para>
/// </remarks>
public sealed class Proxy
{
    private readonly ZmqSocket _frontend;
    private readonly ZmqSocket _backend;
    private readonly ISendingSocket? _capture;
    private readonly IReceivingSocket? _control;
    private readonly CancellationTokenSource _terminate = new();
    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[8];
    private TaskCompletionSource? _paused;

    /// <summary>Creates a proxy; nothing moves until <see cref="RunAsync"/>.</summary>
    /// <param name="frontend">The socket facing clients; must be able to receive.</param>
    /// <param name="backend">The socket facing services; must be able to send.</param>
    /// <param name="capture">Optional socket that gets a copy of every message forwarded in either direction.</param>
    /// <param name="control">Optional socket that receives PAUSE, RESUME, TERMINATE and STATISTICS commands.</param>
    /// <exception cref="ArgumentException">The frontend cannot receive, the backend cannot send, or the capture socket cannot send.</exception>
    public Proxy(ZmqSocket frontend, ZmqSocket backend, ZmqSocket? capture = null, ZmqSocket? control = null)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        ArgumentNullException.ThrowIfNull(backend);
        if (frontend is not IReceivingSocket)
        {
            throw new ArgumentException($"the frontend must be able to receive; {frontend.Type} cannot", nameof(frontend));
        }
        if (backend is not ISendingSocket)
        {
            throw new ArgumentException($"the backend must be able to send; {backend.Type} cannot", nameof(backend));
        }
        _frontend = frontend;
        _backend = backend;
        _capture = capture is null ? null : capture as ISendingSocket ?? throw new ArgumentException($"the capture socket must be able to send; {capture.Type} cannot", nameof(capture));
        _control = control is null ? null : control as IReceivingSocket ?? throw new ArgumentException($"the control socket must be able to receive; {control.Type} cannot", nameof(control));
    }

    /// <summary>The counts so far.</summary>
    public ProxyStatistics Statistics
    {
        get
        {
            long Read(int i) => Interlocked.Read(ref _counts[i]);
            return new ProxyStatistics(Read(0), Read(1), Read(2), Read(3), Read(4), Read(5), Read(6), Read(7));
        }
    }

    /// <summary>True while paused.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused is not null;
            }
        }
    }

    /// <summary>
    /// Forwards messages until <paramref name="cancellationToken"/> fires or <see cref="Terminate"/>
    /// is called (the task then completes normally). Faults if a socket fails, for example because
    /// it was disposed while the proxy ran.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _terminate.Token);
        var loops = new List<Task> { ForwardAsync((IReceivingSocket)_frontend, (ISendingSocket)_backend, 0, 6, stop.Token) };
        if (_backend is IReceivingSocket backendIn && _frontend is ISendingSocket frontendOut)
        {
            loops.Add(ForwardAsync(backendIn, frontendOut, 4, 2, stop.Token));
        }
        if (_control is not null)
        {
            loops.Add(ControlAsync(_control, stop.Token));
        }
        try
        {
            Task first = await Task.WhenAny(loops).ConfigureAwait(false);
            stop.Cancel();
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cancelled or terminated: a normal end.
        }
    }

    /// <summary>Stops forwarding until <see cref="Resume"/>; messages wait in the sockets' queues.</summary>
    public void Pause()
    {
        lock (_lock)
        {
            _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Resumes forwarding after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        TaskCompletionSource? paused;
        lock (_lock)
        {
            paused = _paused;
            _paused = null;
        }
        paused?.TrySetResult();
    }

    /// <summary>Stops the proxy: <see cref="RunAsync"/> completes.</summary>
    public void Terminate() => _terminate.Cancel();

    private async Task ForwardAsync(IReceivingSocket from, ISendingSocket to, int inIndex, int outIndex, CancellationToken stop)
    {
        var message = new Message();
        while (true)
        {
            await from.ReceiveAsync(message, stop).ConfigureAwait(false);
            await WhilePausedAsync(stop).ConfigureAwait(false);
            long bytes = message.TotalLength;
            Interlocked.Increment(ref _counts[inIndex]);
            Interlocked.Add(ref _counts[inIndex + 1], bytes);
            if (_capture is not null)
            {
                using var copy = new Message();
                foreach (ReadOnlyMemory<byte> frame in message)
                {
                    copy.Add(frame.Span);
                }
                _capture.TrySend(copy);
            }
            await to.SendAsync(message, stop).ConfigureAwait(false);
            Interlocked.Increment(ref _counts[outIndex]);
            Interlocked.Add(ref _counts[outIndex + 1], bytes);
        }
    }

    private async Task WhilePausedAsync(CancellationToken stop)
    {
        Task? paused;
        lock (_lock)
        {
            paused = _paused?.Task;
        }
        if (paused is not null)
        {
            await paused.WaitAsync(stop).ConfigureAwait(false);
        }
    }

    private async Task ControlAsync(IReceivingSocket control, CancellationToken stop)
    {
        var command = new Message();
        // A REP control socket must answer every command (libzmq sends an empty reply to all but STATISTICS).
        ISendingSocket? replies = control as ISendingSocket;
        bool mustReply = control.Type == ZmqSocketType.Rep;
        while (true)
        {
            await control.ReceiveAsync(command, stop).ConfigureAwait(false);
            string name = command.Count == 1 ? command.GetString(0) : "";
            switch (name)
            {
                case "PAUSE":
                    Pause();
                    break;
                case "RESUME":
                    Resume();
                    break;
                case "TERMINATE":
                    Terminate();
                    break;
            }
            if (name == "STATISTICS" && replies is not null)
            {
                await replies.SendAsync(EncodeStatistics(), CancellationToken.None).ConfigureAwait(false);
            }
            else if (mustReply)
            {
                await replies!.SendAsync(new Message().Add(ReadOnlySpan<byte>.Empty), CancellationToken.None).ConfigureAwait(false);
            }
            if (name == "TERMINATE")
            {
                return;
            }
        }
    }

    private Message EncodeStatistics()
    {
        var reply = new Message();
        Span<byte> value = stackalloc byte[8];
        ProxyStatistics s = Statistics;
        foreach (long count in (long[])[s.FrontendMessagesIn, s.FrontendBytesIn, s.FrontendMessagesOut, s.FrontendBytesOut, s.BackendMessagesIn, s.BackendBytesIn, s.BackendMessagesOut, s.BackendBytesOut])
        {
            BinaryPrimitives.WriteUInt64LittleEndian(value, (ulong)count);
            reply.Add(value);
        }
        return reply;
    }
}

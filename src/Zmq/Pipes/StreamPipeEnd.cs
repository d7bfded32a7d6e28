using Zmq.Waiting;

namespace Zmq.Pipes;

/// <summary>
/// The far end of a pipe served by tcp or ipc connections: the signals a connection's loops wait
/// on, and whether everything queued has been written to the kernel (for linger).
/// </summary>
/// <remarks>
/// Contract: one connection at a time uses an end (a connecting socket's pipe outlives its
/// connections, and each new connection takes the end over). The connection's write loop is the
/// only caller of <see cref="SetWriterIdle"/>; any thread may call <see cref="WaitDrainedAsync"/>.
/// </remarks>
internal sealed class StreamPipeEnd
{
    private readonly Lock _lock = new();
    private bool _writerIdle = true;
    private TaskCompletionSource? _idle;

    /// <summary>Creates an end for <paramref name="inbound"/> (written by connections) and <paramref name="outbound"/> (read by them).</summary>
    public StreamPipeEnd(MessageQueue inbound, MessageQueue outbound)
    {
        Inbound = inbound;
        Outbound = outbound;
        inbound.SetWriterSignal(InboundSpace);
        outbound.SetReaderSignal(OutboundReady);
    }

    /// <summary>Messages the connection decodes, for the socket.</summary>
    public MessageQueue Inbound { get; }

    /// <summary>Messages the socket queued, for the connection to encode.</summary>
    public MessageQueue Outbound { get; }

    /// <summary>Set when the parked connection can write to <see cref="Inbound"/> again.</summary>
    public AsyncSignal InboundSpace { get; } = new();

    /// <summary>Set when <see cref="Outbound"/> has messages (or closed) after the connection parked.</summary>
    public AsyncSignal OutboundReady { get; } = new();

    /// <summary>Write loop: true when everything taken from <see cref="Outbound"/> has been written and the loop is about to wait.</summary>
    public void SetWriterIdle(bool idle)
    {
        TaskCompletionSource? completed = null;
        lock (_lock)
        {
            _writerIdle = idle;
            if (idle)
            {
                completed = _idle;
                _idle = null;
            }
        }
        completed?.TrySetResult();
    }

    /// <summary>
    /// Completes when the outbound queue is empty and the last message taken from it has been
    /// written, or when <paramref name="cancellationToken"/> fires (returns false then).
    /// </summary>
    public async Task<bool> WaitDrainedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task idle;
            lock (_lock)
            {
                if (_writerIdle && (Outbound.Count == 0 || Outbound.IsReaderClosed))
                {
                    return true;
                }
                _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                idle = _idle.Task;
            }
            try
            {
                await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Zmq.Pipes;

namespace Zmq.Zmtp;

/// <summary>The encoding half of <see cref="ZmtpConnection"/>: messages into frames, subscriptions into commands.</summary>
internal sealed partial class ZmtpConnection
{
    private readonly byte[] _piecewiseHeader = new byte[FrameHeader.MaxSize];

    private Pipe? _attached;

    /// <inheritdoc/>
    protected override bool HasPendingControl => Volatile.Read(ref _control) is { IsEmpty: false };

    /// <inheritdoc/>
    protected override void OnAttached(Pipe pipe)
    {
        _attached = pipe;
        StartHeartbeat();
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask WriteControlAsync()
    {
        ConcurrentQueue<byte[]>? control = Volatile.Read(ref _control);
        while (control is not null && control.TryDequeue(out byte[]? command))
        {
            await AppendAsync(command).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override bool TryEncodeWhole(Message message, Pipe pipe)
    {
        if (message.IsSubscription)
        {
            return false;
        }
        // One pass: write frames while they fit; if one does not, report false without advancing.
        Span<byte> free = WriteSpace;
        int count = message.Count;
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> body = message.FrameSpan(i);
            if (free.Length - at < FrameHeader.SizeFor(body.Length) + body.Length)
            {
                return false;
            }
            at += FrameHeader.WriteMessage(free[at..], body.Length, more: i < count - 1);
            body.CopyTo(free[at..]);
            at += body.Length;
        }
        Advance(at);
        return true;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask EncodePiecewiseAsync(Message message, Pipe pipe)
    {
        if (message.IsSubscription && _peerMinor >= 1)
        {
            // ZMTP 3.1 sends a subscription as a SUBSCRIBE or CANCEL command; 3.0 peers get the message form.
            ReadOnlySpan<byte> frame = message[0].Span;
            await AppendAsync(ZmtpCommand.EncodeFrame(frame[0] == 1 ? "SUBSCRIBE" : "CANCEL", frame[1..])).ConfigureAwait(false);
            return;
        }
        int count = message.Count;
        byte[] header = _piecewiseHeader;
        for (int i = 0; i < count; i++)
        {
            ReadOnlyMemory<byte> body = message[i];
            int headerLength = FrameHeader.WriteMessage(header, body.Length, more: i < count - 1);
            await AppendAsync(header.AsMemory(0, headerLength)).ConfigureAwait(false);
            await AppendBodyAsync(body).ConfigureAwait(false);
        }
    }

    private void WakeWriter() => _attached?.StreamEnd?.OutboundReady.Notify();
}

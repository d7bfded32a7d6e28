using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace Zmq.Transports;

/// <summary>
/// A reusable two-segment send (gathering) or receive (scattering) on a socket, awaited without
/// allocating: <see cref="Socket.SendAsync(IList{ArraySegment{byte}}, SocketFlags)"/> and its
/// receive twin return a new task for every call, and a connection makes one such call per large
/// frame.
/// </summary>
/// <remarks>
/// Contract: one operation at a time per instance (a connection's write loop owns one, its read
/// loop another), and each returned <see cref="ValueTask{TResult}"/> is awaited exactly once. The
/// result is the number of bytes transferred; a socket error surfaces as a
/// <see cref="SocketException"/>, as it does from the socket's own task-based methods. The
/// segments are forgotten when the operation completes, so no frame is held afterwards.
/// </remarks>
internal sealed class VectoredOperation : SocketAsyncEventArgs, IValueTaskSource<int>
{
    private readonly ArraySegment<byte>[] _segments = new ArraySegment<byte>[2];
    private ManualResetValueTaskSourceCore<int> _core;

    /// <summary>Creates an idle operation (it does not capture the execution context).</summary>
    public VectoredOperation()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    /// <summary>Sends as much of <paramref name="first"/> and then <paramref name="second"/> as the socket takes in one call.</summary>
    public ValueTask<int> SendAsync(Socket socket, ArraySegment<byte> first, ArraySegment<byte> second)
    {
        Prepare(first, second);
        return socket.SendAsync(this) ? Pending() : Finished();
    }

    /// <summary>Receives into <paramref name="first"/> and then <paramref name="second"/> whatever one call delivers (0 at the end of the stream).</summary>
    public ValueTask<int> ReceiveAsync(Socket socket, ArraySegment<byte> first, ArraySegment<byte> second)
    {
        Prepare(first, second);
        return socket.ReceiveAsync(this) ? Pending() : Finished();
    }

    /// <inheritdoc/>
    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        SocketError error = SocketError;
        int transferred = BytesTransferred;
        Forget();
        if (error == SocketError.Success)
        {
            _core.SetResult(transferred);
        }
        else
        {
            _core.SetException(new SocketException((int)error));
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Prepare(ArraySegment<byte> first, ArraySegment<byte> second)
    {
        _core.Reset();
        _segments[0] = first;
        _segments[1] = second;
        BufferList = _segments;
    }

    private ValueTask<int> Pending() => new(this, _core.Version);

    private ValueTask<int> Finished()
    {
        SocketError error = SocketError;
        int transferred = BytesTransferred;
        Forget();
        return error == SocketError.Success
            ? new ValueTask<int>(transferred)
            : ValueTask.FromException<int>(new SocketException((int)error));
    }

    private void Forget()
    {
        _segments[0] = _segments[1] = default;
        BufferList = null;
    }
}

using System.Net;
using System.Net.Sockets;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>
/// A bound tcp or ipc endpoint: accepts connections and runs a <see cref="StreamConnection"/> for
/// each, giving every successful handshake a pipe of its own.
/// </summary>
/// <remarks>
/// Contract: the accept loop and the connections run on the thread pool and never throw; closing
/// stops accepting, closes every connection and (for an ipc path) removes the socket file.
/// A connection lost from this side of the socket ends its pipe: what the peer sent is still
/// delivered, what was queued for it is dropped (libzmq does the same for bound pipes).
/// </remarks>
internal sealed class StreamListener : EndpointHandle, IPipeProvider
{
    private readonly ZmqSocket _owner;
    private readonly Socket _listener;
    private readonly string? _ipcFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<StreamConnection> _connections = [];
    private readonly Task _acceptLoop;
    private bool _closed;

    private StreamListener(ZmqSocket owner, Socket listener, string endpoint, string requested, string? ipcFile)
        : base(endpoint, requested)
    {
        _owner = owner;
        _listener = listener;
        _ipcFile = ipcFile;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <inheritdoc/>
    public override bool IsBind => true;

    /// <summary>Binds a tcp endpoint.</summary>
    /// <exception cref="ZmqException">The address is in use or not available.</exception>
    public static StreamListener BindTcp(ZmqSocket owner, TcpEndpoint endpoint)
    {
        SocketOptions options = owner.Options;
        IPEndPoint address = StreamAddress.ForTcpBind(endpoint, options.IPv6);
        Socket listener = Listen(address, options.Backlog, endpoint.Text);
        return new StreamListener(owner, listener, StreamAddress.Format(listener.LocalEndPoint), endpoint.Text, ipcFile: null);
    }

    /// <summary>Binds an ipc endpoint, replacing a stale socket file left by a process that died.</summary>
    /// <exception cref="ZmqException">Another live socket owns the path, or it cannot be created.</exception>
    public static StreamListener BindIpc(ZmqSocket owner, IpcEndpoint endpoint)
    {
        string path = endpoint.IsWildcard ? Path.Combine(Path.GetTempPath(), $"zmq-{Guid.NewGuid():N}.ipc") : endpoint.Path;
        if (!endpoint.IsAbstract)
        {
            RemoveIfStale(path, endpoint.Text);
        }
        Socket listener = Listen(StreamAddress.ForIpc(endpoint, path), owner.Options.Backlog, endpoint.Text);
        return new StreamListener(owner, listener, StreamAddress.Format(null, endpoint, path), endpoint.Text, endpoint.IsAbstract ? null : path);
    }

    /// <inheritdoc/>
    public override void StopAccepting()
    {
        _stop.Cancel();
        _listener.Dispose();
    }

    /// <inheritdoc/>
    public override async ValueTask CloseAsync()
    {
        StreamConnection[] connections;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            _closed = true;
            connections = [.. _connections];
        }
        StopAccepting();
        await _acceptLoop.ConfigureAwait(false);
        foreach (StreamConnection connection in connections)
        {
            connection.Close();
        }
        if (_ipcFile is not null)
        {
            TryDelete(_ipcFile);
        }
        _owner.Raise(SocketEventKind.Closed, Endpoint);
    }

    Pipe? IPipeProvider.Attach(PeerInfo peer)
    {
        Pipe pipe = Pipe.CreateStream(_owner.Options, peer);
        return _owner.AttachPipe(pipe) ? pipe : null;
    }

    void IPipeProvider.Detach(Pipe pipe) => _owner.OnFarSideClosed(pipe);

    private static Socket Listen(EndPoint address, int backlog, string endpoint)
    {
        Socket socket = StreamAddress.CreateSocket(address);
        try
        {
            socket.Bind(address);
            socket.Listen(backlog);
            return socket;
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw error.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => new ZmqException(ZmqError.AddressInUse, $"cannot bind '{endpoint}': the address is already in use", error),
                SocketError.AddressNotAvailable => new ZmqException(ZmqError.AddressNotAvailable, $"cannot bind '{endpoint}': the address is not available on this machine", error),
                _ => new ZmqException(ZmqError.Network, $"cannot bind '{endpoint}': {error.SocketErrorCode} ({error.Message})", error),
            };
        }
    }

    private static void RemoveIfStale(string path, string endpoint)
    {
        if (!File.Exists(path))
        {
            return;
        }
        using var probe = new Socket(AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Nobody listens: a file left behind by a process that died. Replace it.
            TryDelete(path);
            return;
        }
        catch (SocketException error)
        {
            throw new ZmqException(ZmqError.AddressInUse, $"cannot bind '{endpoint}': '{path}' exists and is not a usable socket ({error.SocketErrorCode})", error);
        }
        throw new ZmqException(ZmqError.AddressInUse, $"cannot bind '{endpoint}': another socket is listening on '{path}'");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Someone else removed or replaced it: nothing more to clean up.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error)
            {
                _owner.Raise(SocketEventKind.Disconnected, Endpoint, $"accept failed: {error.SocketErrorCode}");
                await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
                continue;
            }
            if (accepted.ProtocolType == ProtocolType.Tcp)
            {
                accepted.NoDelay = true;
            }
            StreamConnection connection = StreamConnections.Create(accepted, _owner, Endpoint);
            lock (_lock)
            {
                if (_closed)
                {
                    connection.Close();
                    continue;
                }
                _connections.Add(connection);
            }
            _owner.Raise(SocketEventKind.Accepted, Endpoint, connection.RemoteAddress);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(StreamConnection connection)
    {
        await connection.RunAsync(this).ConfigureAwait(false);
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }
}

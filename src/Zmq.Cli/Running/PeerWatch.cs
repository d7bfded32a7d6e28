namespace Zmq.Cli.Running;

/// <summary>
/// Watches a socket's monitor for a completed handshake, so that a sender whose peer never showed
/// up can say its messages were not delivered instead of exiting as if they had been.
/// </summary>
internal sealed class PeerWatch : IDisposable
{
    private readonly SocketMonitor _monitor;
    private readonly Task _reading;
    private volatile bool _sawPeer;

    /// <summary>Starts watching <paramref name="socket"/>; create it before the socket binds or connects.</summary>
    public PeerWatch(ZmqSocket socket)
    {
        _monitor = socket.Monitor();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>
    /// True once a peer has completed its handshake. Read it after disposing the socket: the
    /// monitor then has every event, including those of peers that came during the linger.
    /// </summary>
    public bool SawPeer
    {
        get
        {
            _reading.Wait(TimeSpan.FromSeconds(1));
            return _sawPeer;
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose() => _monitor.Dispose();

    private async Task ReadAsync()
    {
        await foreach (SocketEvent socketEvent in _monitor.Events.ReadAllAsync().ConfigureAwait(false))
        {
            if (socketEvent.Kind == SocketEventKind.HandshakeSucceeded)
            {
                _sawPeer = true;
            }
        }
    }
}

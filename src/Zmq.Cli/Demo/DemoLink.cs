namespace Zmq.Cli.Demo;

/// <summary>
/// Joins the local side of a run to its peer: <see cref="Bind"/> binds the local socket over the
/// run's transport and starts the peer on the bound endpoint, as a thread (inproc) or as a
/// <see cref="PeerProcess"/>. Disposing it kills a peer process that is still running.
/// </summary>
internal sealed class DemoLink(DemoPattern pattern, DemoTransport transport, int count) : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private Task? _peer;

    /// <summary>Binds <paramref name="socket"/> and starts the peer, which connects to it.</summary>
    public void Bind(ZmqSocket socket)
    {
        if (_peer is not null)
        {
            throw new InvalidOperationException("the peer is already started");
        }
        string endpoint = socket.Bind(transport.BindEndpoint());
        _peer = transport.PeerIsThread()
            ? Task.Factory.StartNew(() => pattern.RunPeer(endpoint, count), TaskCreationOptions.LongRunning)
            : PeerProcess.RunAsync([pattern.Key, endpoint, count.ToString(System.Globalization.CultureInfo.InvariantCulture)], _abandon.Token);
    }

    /// <summary>Waits up to <paramref name="patience"/> for the peer to finish; returns what went wrong with it, or null.</summary>
    public string? WaitForPeer(TimeSpan patience)
    {
        if (_peer is null)
        {
            return "the peer was not started";
        }
        try
        {
            return _peer.Wait(patience) ? null : $"the peer did not finish within {Seconds.Format(patience)} s";
        }
        catch (AggregateException error)
        {
            return "peer: " + error.GetBaseException().Message;
        }
    }

    /// <summary>Kills the peer process if it still runs (a peer thread ends by its own timeouts).</summary>
    public void Dispose()
    {
        _abandon.Cancel();
        _abandon.Dispose();
    }
}

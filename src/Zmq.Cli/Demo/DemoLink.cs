using System.Globalization;

namespace Zmq.Cli.Demo;

/// <summary>
/// Joins the local side of a run to its peer: <see cref="Bind"/> binds the local sockets over the
/// run's transport and starts the peer on the bound endpoints, as a thread (inproc) or as a
/// <see cref="PeerProcess"/>. Disposing it kills a peer process that is still running.
/// </summary>
internal sealed class DemoLink(DemoPattern pattern, DemoTransport transport, int count) : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private Task? _peer;

    /// <summary>Binds each of <paramref name="sockets"/> and starts the peer, which connects to them.</summary>
    public void Bind(params ZmqSocket[] sockets)
    {
        if (_peer is not null)
        {
            throw new InvalidOperationException("the peer is already started");
        }
        string[] endpoints = [.. sockets.Select(BindLocal)];
        _peer = transport.PeerIsThread()
            ? Task.Factory.StartNew(() => pattern.RunPeer(endpoints, count), TaskCreationOptions.LongRunning)
            : PeerProcess.RunAsync([pattern.Key, count.ToString(CultureInfo.InvariantCulture), .. endpoints], _abandon.Token);
    }

    /// <summary>Binds <paramref name="socket"/> over the run's transport without telling the peer (for a socket the local side connects to itself); returns the bound endpoint.</summary>
    public string BindLocal(ZmqSocket socket) => socket.Bind(transport.BindEndpoint());

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

namespace Zmq.Transports;

/// <summary>
/// One bind or connect a socket made, kept until unbind, disconnect or dispose.
/// </summary>
/// <remarks>
/// Contract: created by a transport for the owning socket and registered under the socket lock.
/// <see cref="StopAccepting"/> and <see cref="CloseAsync"/> are called by the socket without its
/// lock held, at most once each, and never throw. Closing detaches every pipe the endpoint made.
/// </remarks>
internal abstract class EndpointHandle
{
    /// <summary>Creates a handle for <paramref name="endpoint"/> as resolved (for example with the chosen port).</summary>
    protected EndpointHandle(string endpoint, string requested)
    {
        Endpoint = endpoint;
        Requested = requested;
    }

    /// <summary>The endpoint as resolved, in the form <see cref="ZmqSocket.LastEndpoint"/> reports.</summary>
    public string Endpoint { get; }

    /// <summary>The endpoint as the application wrote it.</summary>
    public string Requested { get; }

    /// <summary>True for a bind, false for a connect.</summary>
    public abstract bool IsBind { get; }

    /// <summary>True when <paramref name="endpoint"/> names this handle (as written or as resolved).</summary>
    public bool Matches(string endpoint) => endpoint == Endpoint || endpoint == Requested;

    /// <summary>Stops taking new peers; existing connections keep running (the first step of a lingering close).</summary>
    public virtual void StopAccepting()
    {
    }

    /// <summary>Closes the endpoint and every connection it made, detaching their pipes.</summary>
    public abstract ValueTask CloseAsync();
}

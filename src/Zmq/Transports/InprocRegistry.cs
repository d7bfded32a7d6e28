namespace Zmq.Transports;

/// <summary>
/// The inproc names of one <see cref="ZmqContext"/>: which socket is bound to each name, and which
/// connects wait for a name to be bound (connect before bind works, as in libzmq).
/// </summary>
/// <remarks>
/// Contract: thread-safe. The registry lock is taken before any socket lock and never while one
/// is held, so pairing a connector with a listener may attach pipes to both sockets under it.
/// </remarks>
internal sealed class InprocRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, InprocListener> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InprocConnector>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="endpoint"/> for <paramref name="socket"/> and pairs every connector waiting for it.</summary>
    /// <exception cref="ZmqException">The name is already bound (<see cref="ZmqError.AddressInUse"/>).</exception>
    public InprocListener Bind(ZmqSocket socket, InprocEndpoint endpoint)
    {
        lock (_lock)
        {
            if (_bound.ContainsKey(endpoint.Name))
            {
                throw new ZmqException(ZmqError.AddressInUse, $"cannot bind '{endpoint.Text}': the name is already bound in this context");
            }
            var listener = new InprocListener(this, socket, endpoint);
            _bound.Add(endpoint.Name, listener);
            if (_waiting.Remove(endpoint.Name, out List<InprocConnector>? waiting))
            {
                foreach (InprocConnector connector in waiting)
                {
                    connector.PairWith(listener);
                }
            }
            return listener;
        }
    }

    /// <summary>Connects <paramref name="socket"/> to <paramref name="endpoint"/> now, or as soon as the name is bound.</summary>
    public InprocConnector Connect(ZmqSocket socket, InprocEndpoint endpoint)
    {
        var connector = new InprocConnector(this, socket, endpoint);
        PairOrWait(connector);
        return connector;
    }

    /// <summary>Pairs <paramref name="connector"/> with the listener of its name, or queues it until one binds.</summary>
    public void PairOrWait(InprocConnector connector)
    {
        lock (_lock)
        {
            if (_bound.TryGetValue(connector.Name, out InprocListener? listener))
            {
                connector.PairWith(listener);
                return;
            }
            if (!_waiting.TryGetValue(connector.Name, out List<InprocConnector>? waiting))
            {
                _waiting[connector.Name] = waiting = [];
            }
            waiting.Add(connector);
        }
    }

    /// <summary>True when a socket is bound to the inproc name <paramref name="name"/> (the part after <c>inproc://</c>).</summary>
    public bool IsBound(string name)
    {
        lock (_lock)
        {
            return _bound.ContainsKey(name);
        }
    }

    /// <summary>Forgets a listener's name (new connects will wait for the next bind).</summary>
    public void Unbind(InprocListener listener)
    {
        lock (_lock)
        {
            if (_bound.TryGetValue(listener.Name, out InprocListener? current) && current == listener)
            {
                _bound.Remove(listener.Name);
            }
        }
    }

    /// <summary>Stops a connector waiting for its name.</summary>
    public void StopWaiting(InprocConnector connector)
    {
        lock (_lock)
        {
            if (_waiting.TryGetValue(connector.Name, out List<InprocConnector>? waiting) && waiting.Remove(connector) && waiting.Count == 0)
            {
                _waiting.Remove(connector.Name);
            }
        }
    }
}

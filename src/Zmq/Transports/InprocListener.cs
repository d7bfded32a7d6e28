using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>An inproc name bound by a socket; remembers the pipes it accepted so that unbinding ends them.</summary>
/// <remarks>Contract: <see cref="Accept"/> is called under the registry lock; the rest by the owning socket.</remarks>
internal sealed class InprocListener : EndpointHandle
{
    private readonly InprocRegistry _registry;
    private readonly Lock _lock = new();
    private readonly List<Pipe> _pipes = [];
    private bool _closed;

    public InprocListener(InprocRegistry registry, ZmqSocket socket, InprocEndpoint endpoint)
        : base(endpoint.Text, endpoint.Text)
    {
        _registry = registry;
        Socket = socket;
        Name = endpoint.Name;
    }

    /// <summary>The bound socket.</summary>
    public ZmqSocket Socket { get; }

    /// <summary>The inproc name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override bool IsBind => true;

    /// <summary>Attaches the bound socket's end of a new inproc pipe; false when the socket refuses it.</summary>
    public bool Accept(Pipe pipe)
    {
        lock (_lock)
        {
            if (_closed || !Socket.AttachPipe(pipe))
            {
                return false;
            }
            _pipes.Add(pipe);
            return true;
        }
    }

    /// <inheritdoc/>
    public override void StopAccepting() => _registry.Unbind(this);

    /// <inheritdoc/>
    public override ValueTask CloseAsync()
    {
        Pipe[] pipes;
        lock (_lock)
        {
            _closed = true;
            pipes = [.. _pipes];
            _pipes.Clear();
        }
        _registry.Unbind(this);
        foreach (Pipe pipe in pipes)
        {
            Socket.DetachPipe(pipe);
        }
        return ValueTask.CompletedTask;
    }
}

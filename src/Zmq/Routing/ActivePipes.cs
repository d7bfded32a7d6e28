using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>
/// The pipes a routing strategy cycles through in turn, and the parked ones that woke up since it
/// last looked.
/// </summary>
/// <remarks>
/// Contract: every member is called with the socket lock held, except that the activations made
/// by <see cref="CreateActivation"/> are notified from any thread. A pipe is either in the
/// rotation or parked (waiting for its activation), never both.
/// </remarks>
internal sealed class ActivePipes
{
    private readonly List<Pipe> _rotation = [];
    private readonly ActivationList _woken;
    private int _next;

    /// <summary>Creates a set whose wake-ups set <paramref name="readiness"/>.</summary>
    public ActivePipes(Readiness readiness)
    {
        _woken = new ActivationList(readiness);
    }

    /// <summary>The number of pipes in the rotation (parked ones excluded).</summary>
    public int Count => _rotation.Count;

    /// <summary>A queue signal that puts <paramref name="pipe"/> back in the rotation when notified.</summary>
    public PipeActivation CreateActivation(Pipe pipe) => new(pipe, _woken);

    /// <summary>Adds a pipe to the rotation.</summary>
    public void Add(Pipe pipe) => _rotation.Add(pipe);

    /// <summary>Removes a pipe from the rotation, if present.</summary>
    public void Remove(Pipe pipe) => _rotation.Remove(pipe);

    /// <summary>Returns the pipe whose turn it is, after taking back woken pipes; false when the rotation is empty.</summary>
    public bool TryGetCurrent(out Pipe pipe)
    {
        for (PipeActivation? node = _woken.TakeAll(); node is not null; node = node.Next)
        {
            if (!node.Pipe.IsDetached)
            {
                _rotation.Add(node.Pipe);
            }
        }
        if (_rotation.Count == 0)
        {
            pipe = null!;
            return false;
        }
        if (_next >= _rotation.Count)
        {
            _next = 0;
        }
        pipe = _rotation[_next];
        return true;
    }

    /// <summary>Moves the turn on to the next pipe.</summary>
    public void Advance() => _next++;

    /// <summary>Takes the current pipe out of the rotation (it parked or went away).</summary>
    public void RemoveCurrent()
    {
        int last = _rotation.Count - 1;
        _rotation[_next] = _rotation[last];
        _rotation.RemoveAt(last);
    }
}

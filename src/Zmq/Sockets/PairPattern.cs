using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// PAIR (RFC 31): exactly one peer at a time, both directions. A second peer is refused while the
/// first is attached; once the first goes away, a new one is accepted.
/// </summary>
internal sealed class PairPattern(Readiness sendReadiness, Readiness receiveReadiness) : BalancedPattern(sendReadiness, receiveReadiness)
{
    private Pipe? _peer;

    public override bool CanAttach(Pipe pipe) => _peer is null;

    public override Pipe? Attach(Pipe pipe)
    {
        _peer = pipe;
        return base.Attach(pipe);
    }

    public override void Detach(Pipe pipe)
    {
        ForgetIfCurrent(pipe);
        base.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe)
    {
        ForgetIfCurrent(pipe);
        base.OnFarSideClosed(pipe);
    }

    public override bool TrySend(Message message) => Out.TrySend(message, out _);

    public override bool TryReceive(Message message) => In.TryReceive(message, out _);

    private void ForgetIfCurrent(Pipe pipe)
    {
        if (ReferenceEquals(_peer, pipe))
        {
            _peer = null;
        }
    }
}

using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>DEALER (RFC 28): round-robins sends, fair-queues receives; no envelope handling.</summary>
internal sealed class DealerPattern(Readiness sendReadiness, Readiness receiveReadiness) : BalancedPattern(sendReadiness, receiveReadiness)
{
    public override bool TrySend(Message message) => Out.TrySend(message, out _);

    public override bool TryReceive(Message message) => In.TryReceive(message, out _);
}

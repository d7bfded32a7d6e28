using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>A queue signal that only wakes the socket's waiters, for strategies that keep no rotation (ROUTER, PUB).</summary>
internal sealed class ReadinessSignal(Readiness readiness) : IQueueSignal
{
    public void Notify() => readiness.Set();
}

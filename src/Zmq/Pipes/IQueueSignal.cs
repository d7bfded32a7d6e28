namespace Zmq.Pipes;

/// <summary>
/// Wakes the owner of one end of a <see cref="MessageQueue"/> after it parked.
/// </summary>
/// <remarks>
/// Contract: called by the other end's thread (or by a thread closing the queue), at most once
/// per park, with no lock of the caller held that the owner could need. Must not block and must
/// not run the owner's code inline: it only records the event and wakes whoever waits.
/// </remarks>
internal interface IQueueSignal
{
    /// <summary>The parked end can make progress (data, space, or the queue closed).</summary>
    void Notify();
}

using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>What <see cref="AddressedPeers.TryWrite"/> did.</summary>
internal enum AddressedWrite
{
    /// <summary>Queued for the peer.</summary>
    Written,
    /// <summary>The peer is at its high-water mark; the caller may wait (the socket's send readiness is set when it has room).</summary>
    Full,
    /// <summary>The peer has gone.</summary>
    Gone,
}

/// <summary>
/// Peers addressed by routing id, as ROUTER and STREAM keep them: receives fairly from all,
/// prefixing each message with its sender's id, and writes to the peer a message names.
/// </summary>
/// <remarks>Contract: every member is called with the socket lock held and never blocks.</remarks>
internal sealed class AddressedPeers
{
    private readonly FairQueue _in;
    private readonly PeerTable _table = new();
    private readonly ReadinessSignal _sendable;

    /// <summary>Creates the set; a full peer that gets room sets <paramref name="sendReadiness"/>.</summary>
    public AddressedPeers(Readiness sendReadiness, Readiness receiveReadiness)
    {
        _in = new FairQueue(receiveReadiness);
        _sendable = new ReadinessSignal(sendReadiness);
    }

    /// <summary>The number of peers with a routing id.</summary>
    public int Count => _table.Count;

    /// <summary>The id <paramref name="pipe"/> would get (assigned, announced, or generated).</summary>
    public byte[] ChooseId(Pipe pipe) => _table.ChooseId(pipe);

    /// <summary>The peer named <paramref name="id"/>, or null.</summary>
    public Pipe? Find(ReadOnlySpan<byte> id) => _table.Find(id);

    /// <summary>Adds a peer under its chosen id; returns the peer it displaced (handover), or null.</summary>
    public Pipe? Attach(Pipe pipe)
    {
        Pipe? displaced = _table.Add(pipe, _table.ChooseId(pipe));
        _in.Attach(pipe);
        pipe.Outbound.SetWriterSignal(_sendable);
        return displaced;
    }

    /// <summary>Drops a peer at once.</summary>
    public void Detach(Pipe pipe)
    {
        _table.Remove(pipe);
        _in.Detach(pipe);
    }

    /// <summary>Forgets a peer's id (nothing more can be sent to it); what it sent is still received.</summary>
    public void Forget(Pipe pipe) => _table.Remove(pipe);

    /// <summary>Moves the next message from any peer into <paramref name="target"/> (empty), its first frame the sender's routing id.</summary>
    public bool TryReceive(Message target)
    {
        while (_in.TryReceive(target, out Pipe? source))
        {
            if (source!.RoutingId is { } id)
            {
                target.PushFront(id);
                return true;
            }
            // The peer was displaced by a handover: what it still sends has no name to come from.
            target.Clear();
        }
        return false;
    }

    /// <summary>
    /// Queues <paramref name="message"/> (without its routing-id frame) for <paramref name="peer"/>.
    /// When the peer is full and <paramref name="parkWhenFull"/>, registers for a wake-up first.
    /// The message is left empty on <see cref="AddressedWrite.Written"/>, unchanged otherwise.
    /// </summary>
    public static AddressedWrite TryWrite(Pipe peer, Message message, bool parkWhenFull)
    {
        while (true)
        {
            switch (peer.Outbound.TryWrite(message))
            {
                case WriteResult.Written:
                    peer.Outbound.Flush();
                    return AddressedWrite.Written;
                case WriteResult.Full:
                    if (!parkWhenFull || peer.Outbound.TryParkWriter())
                    {
                        return AddressedWrite.Full;
                    }
                    continue;
                default:
                    return AddressedWrite.Gone;
            }
        }
    }
}

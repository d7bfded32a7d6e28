using System.Buffers.Binary;
using Zmq.Pipes;

namespace Zmq.Routing;

/// <summary>
/// A ROUTER's peers by routing id: the identity a peer announced, the id the connecting socket
/// assigned (ZMQ_CONNECT_ROUTING_ID), or a generated one (five bytes starting with zero, a form
/// peers may not announce).
/// </summary>
/// <remarks>Contract: socket lock. Invariant: <c>_byId[p.RoutingId] == p</c> for every pipe in the table.</remarks>
internal sealed class PeerTable
{
    private readonly Dictionary<byte[], Pipe> _byId = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], Pipe>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private uint _nextGenerated = (uint)Random.Shared.Next();

    public PeerTable()
    {
        _bySpan = _byId.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of peers.</summary>
    public int Count => _byId.Count;

    /// <summary>The id this pipe would get: assigned, else announced, else generated.</summary>
    public byte[] ChooseId(Pipe pipe)
    {
        if (pipe.AssignedRoutingId is { Length: > 0 } assigned)
        {
            return assigned;
        }
        if (!pipe.Peer.RoutingId.IsEmpty)
        {
            return pipe.Peer.RoutingId.ToArray();
        }
        byte[] generated = new byte[5];
        do
        {
            BinaryPrimitives.WriteUInt32BigEndian(generated.AsSpan(1), _nextGenerated++);
        }
        while (_byId.ContainsKey(generated));
        return generated;
    }

    /// <summary>The peer named <paramref name="id"/>, or null.</summary>
    public Pipe? Find(ReadOnlySpan<byte> id) => _bySpan.TryGetValue(id, out Pipe? pipe) ? pipe : null;

    /// <summary>Adds <paramref name="pipe"/> under <paramref name="id"/>, returning the peer it replaces (handover), or null.</summary>
    public Pipe? Add(Pipe pipe, byte[] id)
    {
        _byId.Remove(id, out Pipe? displaced);
        if (displaced is not null)
        {
            displaced.RoutingId = null;
        }
        pipe.RoutingId = id;
        _byId.Add(id, pipe);
        return displaced;
    }

    /// <summary>Removes <paramref name="pipe"/>, if it is in the table.</summary>
    public void Remove(Pipe pipe)
    {
        if (pipe.RoutingId is { } id && _byId.TryGetValue(id, out Pipe? current) && current == pipe)
        {
            _byId.Remove(id);
        }
    }
}

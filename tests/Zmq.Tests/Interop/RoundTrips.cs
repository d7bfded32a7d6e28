using System.Text;

namespace Zmq.Tests.Interop;

/// <summary>
/// The request/reply traffic of the pattern interop tests, defined once here and once (identically)
/// in <see cref="PyZmqPatternScripts"/>, and the Zmq sides that run it. Each function returns null
/// when all went through, else what went wrong first.
/// </summary>
/// <remarks>
/// Request <c>i</c> is, by <c>i % 4</c>: <c>[i]</c>, <c>[i, "", "tail"]</c>, <c>[i, ""]</c> or
/// <c>["", i]</c> (empty frames after, inside and before the body, where a confused envelope
/// parser would trip), except that every 250th (<c>i % 250 == 249</c>) is <c>[i, 70,000 bytes]</c>.
/// Reply <c>i</c> is <c>["re", request i...]</c>, so a reply that answers the wrong request, or a
/// request that arrived damaged, is caught where it happens.
/// </remarks>
internal static class RoundTrips
{
    /// <summary>Round trips in the REQ/REP tests.</summary>
    public const int Count = 1000;

    /// <summary>Round trips in the REQ/ROUTER, DEALER/REP tests, and per dealer in the DEALER/ROUTER tests.</summary>
    public const int ShortCount = 300;

    private static readonly byte[] s_empty = [];
    private static readonly byte[] s_tail = "tail"u8.ToArray();
    private static readonly byte[] s_re = "re"u8.ToArray();
    private static readonly byte[] s_alice = "alice"u8.ToArray();
    private static readonly byte[] s_anon = "anon"u8.ToArray();

    /// <summary>The frames of request <paramref name="i"/>.</summary>
    public static byte[][] Request(int i)
    {
        byte[] head = Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (i % 250 == 249)
        {
            return [head, InteropTraffic.Big];
        }
        return (i % 4) switch
        {
            0 => [head],
            1 => [head, s_empty, s_tail],
            2 => [head, s_empty],
            _ => [s_empty, head],
        };
    }

    /// <summary>The frames of the reply to request <paramref name="i"/>.</summary>
    public static byte[][] Reply(int i) => [s_re, .. Request(i)];

    /// <summary>A message holding copies of <paramref name="frames"/>.</summary>
    public static Message ToMessage(params IEnumerable<byte[]> frames)
    {
        var message = new Message();
        foreach (byte[] frame in frames)
        {
            message.Add((ReadOnlySpan<byte>)frame);
        }
        return message;
    }

    /// <summary>Null when <paramref name="got"/> holds <paramref name="expected"/>, else a description of the difference.</summary>
    public static string? Mismatch(string what, IReadOnlyList<byte[]> expected, IReadOnlyList<ReadOnlyMemory<byte>> got)
    {
        bool same = got.Count == expected.Count;
        for (int k = 0; same && k < expected.Count; k++)
        {
            same = got[k].Span.SequenceEqual(expected[k]);
        }
        return same ? null : $"{what}: expected {InteropTraffic.Show(expected.Select(static f => (ReadOnlyMemory<byte>)f))}, got {InteropTraffic.Show(got)}";
    }

    /// <summary>
    /// <paramref name="count"/> round trips on a Zmq REQ, or on a DEALER that plays a REQ
    /// (<paramref name="delimited"/>: sends <c>["", request...]</c>, expects <c>["", reply...]</c>).
    /// </summary>
    public static string? Request<T>(T socket, int count, bool delimited = false)
        where T : ISendingSocket, IReceivingSocket
    {
        byte[][] envelope = delimited ? [s_empty] : [];
        using var reply = new Message();
        for (int i = 0; i < count; i++)
        {
            using Message request = ToMessage([.. envelope, .. Request(i)]);
            if (!socket.TrySend(request, InteropTraffic.PerMessage))
            {
                return $"could not send request {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (!socket.TryReceive(reply, InteropTraffic.PerMessage))
            {
                return $"no reply {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (Mismatch($"reply {i}", [.. envelope, .. Reply(i)], [.. reply]) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>
    /// <paramref name="count"/> requests (an even number) on a Zmq REQ with <see cref="ReqSocket.Relaxed"/>
    /// and <see cref="ReqSocket.Correlate"/>, sent in pairs without waiting in between: after each
    /// pair only the reply to the second may arrive (the first's carries a stale request id).
    /// </summary>
    public static string? RequestRelaxed(ReqSocket socket, int count)
    {
        using var reply = new Message();
        for (int i = 0; i < count; i += 2)
        {
            for (int j = i; j < i + 2; j++)
            {
                using Message request = ToMessage(Request(j));
                if (!socket.TrySend(request, InteropTraffic.PerMessage))
                {
                    return $"could not send request {j} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
                }
            }
            if (!socket.TryReceive(reply, InteropTraffic.PerMessage))
            {
                return $"no reply {i + 1} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (Mismatch($"reply {i + 1} (the reply to {i} must be dropped)", Reply(i + 1), [.. reply]) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>Serves <paramref name="count"/> requests on a Zmq REP: checks request i, answers reply i.</summary>
    public static string? Serve(RepSocket rep, int count)
    {
        using var request = new Message();
        for (int i = 0; i < count; i++)
        {
            if (!rep.TryReceive(request, InteropTraffic.PerMessage))
            {
                return $"no request {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (Mismatch($"request {i}", Request(i), [.. request]) is { } problem)
            {
                return problem;
            }
            using Message reply = ToMessage(Reply(i));
            if (!rep.TrySend(reply, InteropTraffic.PerMessage))
            {
                return $"could not send reply {i} of {count}";
            }
        }
        return null;
    }

    /// <summary>
    /// Serves <paramref name="count"/> requests from one REQ without a routing id on a Zmq ROUTER:
    /// each must be <c>[id, "", request i...]</c> with one generated id; answers <c>[id, "", reply i...]</c>.
    /// </summary>
    public static string? ServeRequests(RouterSocket router, int count)
    {
        using var request = new Message();
        byte[]? first = null;
        for (int i = 0; i < count; i++)
        {
            if (!router.TryReceive(request, InteropTraffic.PerMessage))
            {
                return $"no request {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            byte[] id = request[0].ToArray();
            if (!IsGenerated(id) || (first is not null && !id.AsSpan().SequenceEqual(first)))
            {
                return $"request {i} came from id {Convert.ToHexString(id)} (first id {(first is null ? "none" : Convert.ToHexString(first))})";
            }
            first = id;
            if (Mismatch($"request {i}", [s_empty, .. Request(i)], [.. request.Skip(1)]) is { } problem)
            {
                return problem;
            }
            using Message reply = ToMessage([id, s_empty, .. Reply(i)]);
            if (!router.TrySend(reply, InteropTraffic.PerMessage))
            {
                return $"could not send reply {i} of {count}";
            }
        }
        return null;
    }

    /// <summary>
    /// Two Zmq DEALERs, <paramref name="alice"/> (routing id <c>alice</c>) and <paramref name="anon"/>
    /// (none): each sends <c>[name, request i...]</c> for every i, then must receive exactly
    /// <c>[name, reply i...]</c> for every i, its own replies in order.
    /// </summary>
    public static string? TwoDealers(DealerSocket alice, DealerSocket anon, int count)
    {
        (byte[] Name, DealerSocket Socket)[] dealers = [(s_alice, alice), (s_anon, anon)];
        for (int i = 0; i < count; i++)
        {
            foreach ((byte[] name, DealerSocket socket) in dealers)
            {
                using Message request = ToMessage([name, .. Request(i)]);
                if (!socket.TrySend(request, InteropTraffic.PerMessage))
                {
                    return $"{Encoding.ASCII.GetString(name)} could not send request {i} of {count}";
                }
            }
        }
        using var reply = new Message();
        foreach ((byte[] name, DealerSocket socket) in dealers)
        {
            for (int i = 0; i < count; i++)
            {
                string what = $"{Encoding.ASCII.GetString(name)} reply {i} of {count}";
                if (!socket.TryReceive(reply, InteropTraffic.PerMessage))
                {
                    return $"no {what} for {InteropTraffic.PerMessage.TotalSeconds} s";
                }
                if (Mismatch(what, [name, .. Reply(i)], [.. reply]) is { } problem)
                {
                    return problem;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// A Zmq ROUTER serving the two dealers of <see cref="TwoDealers"/> (however they are written):
    /// alice's messages must come with id <c>alice</c> and anon's with one generated id; routes
    /// <c>[id, name, reply i...]</c> back to each.
    /// </summary>
    public static string? ServeTwoDealers(RouterSocket router, int count)
    {
        var ids = new Dictionary<string, byte[]>();
        var following = new Dictionary<string, int> { ["alice"] = 0, ["anon"] = 0 };
        using var message = new Message();
        for (int k = 0; k < 2 * count; k++)
        {
            if (!router.TryReceive(message, InteropTraffic.PerMessage))
            {
                return $"no message {k} of {2 * count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            string? name = message.Count >= 2 ? Encoding.ASCII.GetString(message[1].Span) : null;
            if (name is null || !following.TryGetValue(name, out int i))
            {
                return $"unexpected message {InteropTraffic.Show(message)}";
            }
            byte[] id = message[0].ToArray();
            if (Mismatch($"{name} request {i}", Request(i), [.. message.Skip(2)]) is { } problem)
            {
                return problem;
            }
            if (name == "alice" ? !id.AsSpan().SequenceEqual(s_alice) : !IsGenerated(id))
            {
                return $"{name} came as id {Convert.ToHexString(id)}: expected {(name == "alice" ? "'alice'" : "a generated id (five bytes, the first zero)")}";
            }
            if (!ids.TryAdd(name, id) && !ids[name].AsSpan().SequenceEqual(id))
            {
                return $"{name} came as id {Convert.ToHexString(ids[name])}, then as {Convert.ToHexString(id)}";
            }
            following[name] = i + 1;
            using Message reply = ToMessage([id, message[1].ToArray(), .. Reply(i)]);
            if (!router.TrySend(reply, InteropTraffic.PerMessage))
            {
                return $"could not send {name} reply {i}";
            }
        }
        return null;
    }

    /// <summary>A routing id a ROUTER made up (libzmq's form, which Zmq follows): five bytes, the first zero.</summary>
    public static bool IsGenerated(ReadOnlySpan<byte> id) => id.Length == 5 && id[0] == 0;
}

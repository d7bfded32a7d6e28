namespace Zmq.Zmtp;

/// <summary>
/// The wire names of socket types (ZMTP "Socket-Type" property) and which pairs may talk
/// (RFC 37, "The Socket-Type Property"). Pure functions, safe from any thread.
/// </summary>
internal static class SocketTypeRules
{
    /// <summary>The name a socket announces in its READY command.</summary>
    public static string WireName(ZmqSocketType type) => type switch
    {
        ZmqSocketType.Pair => "PAIR",
        ZmqSocketType.Pub => "PUB",
        ZmqSocketType.Sub => "SUB",
        ZmqSocketType.Req => "REQ",
        ZmqSocketType.Rep => "REP",
        ZmqSocketType.Dealer => "DEALER",
        ZmqSocketType.Router => "ROUTER",
        ZmqSocketType.Pull => "PULL",
        ZmqSocketType.Push => "PUSH",
        ZmqSocketType.XPub => "XPUB",
        ZmqSocketType.XSub => "XSUB",
        ZmqSocketType.Stream => "STREAM",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown socket type"),
    };

    /// <summary>Parses a wire name; false for names this library does not know.</summary>
    public static bool TryParseWireName(ReadOnlySpan<byte> name, out ZmqSocketType type)
    {
        foreach (ZmqSocketType candidate in Enum.GetValues<ZmqSocketType>())
        {
            if (AsciiEquals(name, WireName(candidate)))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>True when a socket of type <paramref name="self"/> may exchange messages with a peer of type <paramref name="peer"/>.</summary>
    public static bool AreCompatible(ZmqSocketType self, ZmqSocketType peer) => self switch
    {
        ZmqSocketType.Pair => peer == ZmqSocketType.Pair,
        ZmqSocketType.Push => peer == ZmqSocketType.Pull,
        ZmqSocketType.Pull => peer == ZmqSocketType.Push,
        ZmqSocketType.Req => peer is ZmqSocketType.Rep or ZmqSocketType.Router,
        ZmqSocketType.Rep => peer is ZmqSocketType.Req or ZmqSocketType.Dealer,
        ZmqSocketType.Dealer => peer is ZmqSocketType.Rep or ZmqSocketType.Dealer or ZmqSocketType.Router,
        ZmqSocketType.Router => peer is ZmqSocketType.Req or ZmqSocketType.Dealer or ZmqSocketType.Router,
        ZmqSocketType.Pub or ZmqSocketType.XPub => peer is ZmqSocketType.Sub or ZmqSocketType.XSub,
        ZmqSocketType.Sub or ZmqSocketType.XSub => peer is ZmqSocketType.Pub or ZmqSocketType.XPub,
        _ => false,
    };

    private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }
        return true;
    }
}

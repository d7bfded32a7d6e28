namespace Zmq.Zmtp;

/// <summary>
/// The wire names of socket types (ZMTP "Socket-Type" property) and which pairs may talk
/// (RFC 37, "The Socket-Type Property"). Pure functions, safe from any thread.
/// </summary>
internal static class SocketTypeRules
{
    /// <summary>The name a socket announces in its READY command.</summary>
    public static string WireName(SocketType type) => type switch
    {
        SocketType.Pair => "PAIR",
        SocketType.Pub => "PUB",
        SocketType.Sub => "SUB",
        SocketType.Req => "REQ",
        SocketType.Rep => "REP",
        SocketType.Dealer => "DEALER",
        SocketType.Router => "ROUTER",
        SocketType.Pull => "PULL",
        SocketType.Push => "PUSH",
        SocketType.XPub => "XPUB",
        SocketType.XSub => "XSUB",
        SocketType.Stream => "STREAM",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown socket type"),
    };

    /// <summary>Parses a wire name; false for names this library does not know.</summary>
    public static bool TryParseWireName(ReadOnlySpan<byte> name, out SocketType type)
    {
        foreach (SocketType candidate in Enum.GetValues<SocketType>())
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
    public static bool AreCompatible(SocketType self, SocketType peer) => self switch
    {
        SocketType.Pair => peer == SocketType.Pair,
        SocketType.Push => peer == SocketType.Pull,
        SocketType.Pull => peer == SocketType.Push,
        SocketType.Req => peer is SocketType.Rep or SocketType.Router,
        SocketType.Rep => peer is SocketType.Req or SocketType.Dealer,
        SocketType.Dealer => peer is SocketType.Rep or SocketType.Dealer or SocketType.Router,
        SocketType.Router => peer is SocketType.Req or SocketType.Dealer or SocketType.Router,
        SocketType.Pub or SocketType.XPub => peer is SocketType.Sub or SocketType.XSub,
        SocketType.Sub or SocketType.XSub => peer is SocketType.Pub or SocketType.XPub,
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

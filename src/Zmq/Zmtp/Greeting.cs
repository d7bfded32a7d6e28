using System.Text;

namespace Zmq.Zmtp;

/// <summary>What a peer's 64-byte greeting said.</summary>
/// <param name="Major">The major ZMTP version (3 or more).</param>
/// <param name="Minor">The minor version (0 for ZMTP 3.0, 1 for 3.1).</param>
/// <param name="Mechanism">The security mechanism name, such as "NULL".</param>
/// <param name="AsServer">The as-server flag.</param>
internal readonly record struct PeerGreeting(int Major, int Minor, string Mechanism, bool AsServer);

/// <summary>
/// The ZMTP 3.x greeting (RFC 37): signature <c>FF 00*8 7F</c>, version 3.1, a 20-byte
/// null-padded mechanism name, the as-server flag and 31 bytes of filler.
/// </summary>
/// <remarks>
/// We send the whole greeting at once (RFC 37: a peer that does not downgrade "SHALL send its
/// entire greeting"), and check the peer's greeting byte by byte as it arrives so that a ZMTP 1.0
/// or 2.0 peer, or something that is not ZMTP at all, is refused as soon as it shows itself,
/// without waiting for 64 bytes it may never send. We deliberately do not downgrade.
/// </remarks>
internal static class Greeting
{
    /// <summary>The greeting length.</summary>
    public const int Size = 64;

    private const int MechanismOffset = 12;
    private const int MechanismLength = 20;

    /// <summary>Writes our greeting into the first 64 bytes of <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, string mechanism, bool asServer)
    {
        Span<byte> greeting = destination[..Size];
        greeting.Clear();
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        Encoding.ASCII.GetBytes(mechanism, greeting.Slice(MechanismOffset, MechanismLength));
        greeting[32] = asServer ? (byte)1 : (byte)0;
    }

    /// <summary>
    /// Checks the bytes of a peer's greeting received so far. Returns false while more are needed
    /// (and what has arrived is acceptable); true with the parsed greeting once 64 bytes are in.
    /// </summary>
    /// <exception cref="ZmtpProtocolException">The bytes are not a ZMTP 3.x greeting.</exception>
    public static bool TryParse(ReadOnlySpan<byte> received, out PeerGreeting greeting)
    {
        greeting = default;
        if (received.Length >= 1 && received[0] != 0xFF)
        {
            throw new ZmtpProtocolException($"not a ZMTP 3 peer: greeting starts with 0x{received[0]:X2} (a ZMTP 1.0 peer or not ZeroMQ at all)");
        }
        if (received.Length >= 10 && (received[9] & 1) == 0)
        {
            throw new ZmtpProtocolException("ZMTP 1.0 peer refused: this implementation speaks ZMTP 3.0 and 3.1 only");
        }
        if (received.Length >= 11 && received[10] < 3)
        {
            throw new ZmtpProtocolException($"ZMTP {(received[10] <= 1 ? "1.0/2.0" : "2.0")} peer refused (version byte {received[10]}): this implementation speaks ZMTP 3.0 and 3.1 only");
        }
        if (received.Length < Size)
        {
            return false;
        }
        ReadOnlySpan<byte> mechanismField = received.Slice(MechanismOffset, MechanismLength);
        int end = mechanismField.IndexOf((byte)0);
        ReadOnlySpan<byte> name = end < 0 ? mechanismField : mechanismField[..end];
        if (end >= 0 && mechanismField[end..].IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ZmtpProtocolException("malformed greeting: the mechanism name is not null-padded");
        }
        foreach (byte c in name)
        {
            if (!(c is >= (byte)'A' and <= (byte)'Z' || c is >= (byte)'0' and <= (byte)'9' || c is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'+'))
            {
                throw new ZmtpProtocolException("malformed greeting: the mechanism name has characters outside A-Z, 0-9, - _ . +");
            }
        }
        if (received[32] > 1)
        {
            throw new ZmtpProtocolException($"malformed greeting: as-server is {received[32]}, not 0 or 1");
        }
        greeting = new PeerGreeting(received[10], received[11], Encoding.ASCII.GetString(name), received[32] == 1);
        return true;
    }
}

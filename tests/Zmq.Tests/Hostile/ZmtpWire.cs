using System.Buffers.Binary;
using System.Text;

namespace Zmq.Tests.Hostile;

/// <summary>
/// ZMTP 3.1 bytes built by hand from RFC 37 for raw clients, deliberately independent of the
/// library's own encoders so that the tests do not check the library against itself.
/// </summary>
internal static class ZmtpWire
{
    /// <summary>A 64-byte greeting: signature, version, null-padded mechanism, as-server, filler.</summary>
    public static byte[] Greeting(string mechanism = "NULL", byte major = 3, byte minor = 1, byte asServer = 0)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = major;
        greeting[11] = minor;
        Encoding.ASCII.GetBytes(mechanism).CopyTo(greeting, 12);
        greeting[32] = asServer;
        return greeting;
    }

    /// <summary>A short or long frame header with the given flags (LONG is added when needed).</summary>
    public static byte[] Header(byte flags, long size)
    {
        if (size <= 255)
        {
            return [flags, (byte)size];
        }
        return LongHeader(flags, (ulong)size);
    }

    /// <summary>A long frame header (flags | LONG, 8-byte big-endian size), any size at all.</summary>
    public static byte[] LongHeader(byte flags, ulong size)
    {
        var header = new byte[9];
        header[0] = (byte)(flags | 0x02);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(1), size);
        return header;
    }

    /// <summary>A whole message frame.</summary>
    public static byte[] MessageFrame(ReadOnlySpan<byte> body, bool more = false) =>
        [.. Header(more ? (byte)0x01 : (byte)0x00, body.Length), .. body];

    /// <summary>A whole message frame carrying ASCII text.</summary>
    public static byte[] MessageFrame(string text, bool more = false) => MessageFrame(Encoding.ASCII.GetBytes(text), more);

    /// <summary>A whole command frame: name length, name, data.</summary>
    public static byte[] Command(string name, ReadOnlySpan<byte> data)
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        byte[] body = [(byte)nameBytes.Length, .. nameBytes, .. data];
        return [.. Header(0x04, body.Length), .. body];
    }

    /// <summary>One metadata property: name length, name, 4-byte big-endian value length, value.</summary>
    public static byte[] Property(string name, string value)
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        byte[] valueBytes = Encoding.ASCII.GetBytes(value);
        var size = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, valueBytes.Length);
        return [(byte)nameBytes.Length, .. nameBytes, .. size, .. valueBytes];
    }

    /// <summary>A READY command announcing <paramref name="socketType"/>.</summary>
    public static byte[] Ready(string socketType) => Command("READY", Property("Socket-Type", socketType));

    /// <summary>An ERROR command with a reason.</summary>
    public static byte[] Error(string reason) => Command("ERROR", [(byte)reason.Length, .. Encoding.ASCII.GetBytes(reason)]);

    /// <summary>Parses READY metadata, failing the test on malformed input; names are case-insensitive.</summary>
    public static Dictionary<string, string> ParseMetadata(ReadOnlySpan<byte> data)
    {
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (data.Length > 0)
        {
            int nameLength = data[0];
            Assert.True(nameLength > 0 && data.Length >= 1 + nameLength + 4, "server sent malformed metadata");
            string name = Encoding.ASCII.GetString(data.Slice(1, nameLength));
            int valueLength = BinaryPrimitives.ReadInt32BigEndian(data[(1 + nameLength)..]);
            data = data[(1 + nameLength + 4)..];
            Assert.True(valueLength >= 0 && valueLength <= data.Length, "server sent a metadata value longer than the command");
            properties[name] = Encoding.ASCII.GetString(data[..valueLength]);
            data = data[valueLength..];
        }
        return properties;
    }
}

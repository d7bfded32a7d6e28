using System.Buffers.Binary;
using System.Text;

namespace Zmq.Zmtp;

/// <summary>
/// Connection metadata as carried by READY (RFC 37): repeated <c>name-length name value-length(4)
/// value</c>. Names are case-insensitive.
/// </summary>
internal static class ZmtpMetadata
{
    /// <summary>The socket type property.</summary>
    public const string SocketType = "Socket-Type";

    /// <summary>The identity (routing id) property.</summary>
    public const string Identity = "Identity";

    /// <summary>Encodes properties in order.</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> properties)
    {
        int length = 0;
        foreach (var (name, value) in properties)
        {
            length += 1 + Encoding.ASCII.GetByteCount(name) + 4 + value.Length;
        }
        var buffer = new byte[length];
        int at = 0;
        foreach (var (name, value) in properties)
        {
            int nameLength = Encoding.ASCII.GetBytes(name, buffer.AsSpan(at + 1));
            buffer[at] = (byte)nameLength;
            at += 1 + nameLength;
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), value.Length);
            at += 4;
            value.Span.CopyTo(buffer.AsSpan(at));
            at += value.Length;
        }
        return buffer;
    }

    /// <summary>Decodes properties; a repeated name keeps its last value.</summary>
    /// <exception cref="ZmtpProtocolException">The metadata is malformed.</exception>
    public static Dictionary<string, byte[]> Parse(ReadOnlySpan<byte> data)
    {
        var properties = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        while (data.Length > 0)
        {
            int nameLength = data[0];
            if (nameLength == 0)
            {
                throw new ZmtpProtocolException("malformed metadata: empty property name");
            }
            if (data.Length < 1 + nameLength + 4)
            {
                throw new ZmtpProtocolException("malformed metadata: truncated property");
            }
            ReadOnlySpan<byte> name = data.Slice(1, nameLength);
            foreach (byte c in name)
            {
                if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'+'))
                {
                    throw new ZmtpProtocolException("malformed metadata: property name has invalid characters");
                }
            }
            uint valueLength = BinaryPrimitives.ReadUInt32BigEndian(data[(1 + nameLength)..]);
            data = data[(1 + nameLength + 4)..];
            if (valueLength > (uint)data.Length)
            {
                throw new ZmtpProtocolException($"malformed metadata: value of {valueLength} bytes does not fit the remaining {data.Length}");
            }
            properties[Encoding.ASCII.GetString(name)] = data[..(int)valueLength].ToArray();
            data = data[(int)valueLength..];
        }
        return properties;
    }
}

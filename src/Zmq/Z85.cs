namespace Zmq;

/// <summary>
/// Z85 (RFC 32): binary data as printable text, four bytes to five characters, as ZeroMQ writes
/// CURVE keys (a 32-byte key is 40 characters).
/// </summary>
public static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    // Character code to value, or -1 for a character outside the alphabet.
    private static readonly sbyte[] s_values = BuildValues();

    /// <summary>Encodes <paramref name="data"/>, whose length must be a multiple of 4.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.Length % 4 != 0)
        {
            throw new ArgumentException($"Z85 encodes whole groups of 4 bytes; {data.Length} bytes is not a multiple of 4", nameof(data));
        }
        return string.Create(data.Length / 4 * 5, data.ToArray(), static (text, bytes) =>
        {
            for (int group = 0; group < bytes.Length / 4; group++)
            {
                uint value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(group * 4));
                for (int i = 4; i >= 0; i--)
                {
                    text[group * 5 + i] = Alphabet[(int)(value % 85)];
                    value /= 85;
                }
            }
        });
    }

    /// <summary>Decodes <paramref name="text"/>, whose length must be a multiple of 5.</summary>
    /// <exception cref="FormatException">The length is not a multiple of 5, a character is not in the Z85 alphabet, or a group exceeds 32 bits.</exception>
    public static byte[] Decode(ReadOnlySpan<char> text)
    {
        if (text.Length % 5 != 0)
        {
            throw new FormatException($"Z85 text comes in whole groups of 5 characters; {text.Length} characters is not a multiple of 5");
        }
        var data = new byte[text.Length / 5 * 4];
        for (int group = 0; group < text.Length / 5; group++)
        {
            ulong value = 0;
            for (int i = 0; i < 5; i++)
            {
                char c = text[group * 5 + i];
                int digit = c < s_values.Length ? s_values[c] : -1;
                if (digit < 0)
                {
                    throw new FormatException($"'{c}' at position {group * 5 + i} is not a Z85 character");
                }
                value = value * 85 + (uint)digit;
            }
            if (value > uint.MaxValue)
            {
                throw new FormatException($"the Z85 group at position {group * 5} is larger than 32 bits");
            }
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(group * 4), (uint)value);
        }
        return data;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }
        return values;
    }
}

namespace Zmq;

/// <summary>Formats routing ids for messages: printable ASCII as is, anything else as 0x-prefixed hex.</summary>
internal static class RoutingIdText
{
    public static string Format(ReadOnlySpan<byte> id)
    {
        foreach (byte b in id)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return "0x" + Convert.ToHexStringLower(id);
            }
        }
        return "'" + System.Text.Encoding.ASCII.GetString(id) + "'";
    }
}

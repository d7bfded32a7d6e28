using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Zmq.Cli.Formats;

/// <summary>
/// The <c>-J</c> mode: one message per line as a JSON array of strings, each frame in its
/// <see cref="FrameText"/> form, e.g. <c>["topic","hello","0x00ff"]</c>. Blank input lines are skipped.
/// </summary>
internal sealed class JsonLinesFormat : IMessageFormat
{
    // Relaxed escaping: non-ASCII text stays readable ("é", not "\u00E9"); the output is not embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <inheritdoc/>
    public string Format(Message message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            for (int i = 0; i < message.Count; i++)
            {
                writer.WriteStringValue(FrameText.Encode(message[i].Span));
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc/>
    public Message? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new FormatException($"not JSON: {error.Message}", error);
        }
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
        {
            throw new FormatException("expected a JSON array of one or more strings, such as [\"topic\",\"hello\"]");
        }
        var message = new Message();
        foreach (JsonElement frame in root.EnumerateArray())
        {
            if (frame.ValueKind != JsonValueKind.String)
            {
                message.Dispose();
                throw new FormatException($"expected a JSON array of strings, but it holds {frame.ValueKind.ToString().ToLowerInvariant()} {frame.GetRawText()}");
            }
            FrameText.AddTo(message, frame.GetString()!);
        }
        return message;
    }
}

using System.Text;

namespace Zmq.Cli.Formats;

/// <summary>
/// The text mode: one message per line, frames separated by a TAB, each frame in its
/// <see cref="FrameText"/> form. An empty line is a message of one empty frame.
/// </summary>
internal sealed class TabSeparatedFormat : IMessageFormat
{
    /// <inheritdoc/>
    public string Format(Message message)
    {
        var line = new StringBuilder();
        for (int i = 0; i < message.Count; i++)
        {
            if (i > 0)
            {
                line.Append('\t');
            }
            line.Append(FrameText.Encode(message[i].Span));
        }
        return line.ToString();
    }

    /// <inheritdoc/>
    public Message? Parse(string line)
    {
        var message = new Message();
        foreach (string field in line.Split('\t'))
        {
            FrameText.AddTo(message, field);
        }
        return message;
    }
}

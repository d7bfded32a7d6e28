using System.Text;

namespace Zmq.Cli.Arguments;

/// <summary>The help texts of <c>zmq --help</c> and <c>zmq TYPE --help</c>.</summary>
internal static class Usage
{
    private const string Formats =
        """
        messages:
          One message per line. Frames are separated by a TAB; an empty frame is an empty field.
          With -J each line is a JSON array of strings instead, e.g. ["topic","hello"].
          A frame that is not printable UTF-8 text is written 0x followed by its bytes in hex
          (0x00ff10), and input in that form is sent as those bytes, so binary frames round-trip.

        exit codes: 0 success, 1 error (message on stderr), 2 timeout

        """;

    /// <summary>The text of <c>zmq --help</c>.</summary>
    public static string General
    {
        get
        {
            var text = new StringBuilder();
            text.Append("usage: zmq TYPE [options]      send and receive ZeroMQ messages on a socket of TYPE\n");
            text.Append("       zmq demo [--count N]    every socket type over inproc, ipc and tcp, with timings\n");
            text.Append("       zmq TYPE --help         the options of TYPE\n\n");
            text.Append("types:\n");
            foreach (SocketKind kind in SocketKinds.All)
            {
                text.Append($"  {kind.Name,-6}  {kind.Summary}\n");
            }
            text.Append('\n');
            AppendOptions(text, kind: null);
            text.Append('\n').Append(Formats);
            text.Append("\nexample:\n");
            text.Append("  zmq pull -b tcp://127.0.0.1:5555 -n 1 &\n");
            text.Append("  printf 'topic\\thello\\n' | zmq push -c tcp://127.0.0.1:5555\n");
            return text.ToString();
        }
    }

    /// <summary>The text of <c>zmq TYPE --help</c>: what <paramref name="kind"/> does and the options that apply to it.</summary>
    public static string For(SocketKind kind)
    {
        var text = new StringBuilder();
        text.Append($"usage: zmq {kind.Name} [options]\n");
        text.Append($"  {kind.Summary}\n\n");
        text.Append(Behaviour(kind)).Append("\n\n");
        AppendOptions(text, kind);
        text.Append('\n').Append(Formats);
        return text.ToString();
    }

    private static string Behaviour(SocketKind kind) => (kind.Sends, kind.Receives) switch
    {
        (true, true) =>
            "Sends one message per line of stdin (or --data) and prints the messages that arrive.\n" +
            "Without -n it stops when its input ends; with -n N it sends at most N and stops once\n" +
            "it has also received N.",
        (true, false) =>
            "Sends one message per line of stdin until it ends (or --data), then waits up to the\n" +
            "linger time for them to be delivered.",
        _ =>
            "Prints each message that arrives, until -n messages have arrived (or forever).",
    };

    /// <summary>The options of <paramref name="kind"/>, or of every type for null.</summary>
    private static void AppendOptions(StringBuilder text, SocketKind? kind)
    {
        bool sends = kind?.Sends ?? true;
        bool receives = kind?.Receives ?? true;
        text.Append("options:\n");
        Option(text, "-b, --bind EP", "accept connections on EP, e.g. tcp://*:5555, ipc:///tmp/feed (repeatable)");
        Option(text, "-c, --connect EP", "connect to EP, e.g. tcp://localhost:5555 (repeatable; one -b or -c is required)");
        Option(text, "-n, --count N", (kind, sends) switch
        {
            (null, _) => "receivers stop after N messages; senders send at most N",
            (_, false) => "stop after receiving N messages",
            _ when receives => "send at most N messages, and stop once N have been received",
            _ => "send at most N messages",
        });
        Option(text, "-t, --timeout SEC", (kind, sends, receives) switch
        {
            (not null, false, _) => "exit with code 2 when no message arrives within SEC seconds",
            (not null, _, false) => "exit with code 2 when a send waits SEC seconds",
            _ => "exit with code 2 when a wait for a message (or to send one) lasts SEC seconds",
        });
        if (sends)
        {
            Option(text, "-D, --data TEXT", "send TEXT instead of reading stdin: once, or N times with -n N");
            Option(text, "-i, --interval SEC", "pause SEC seconds between sends");
            Option(text, "-d, --delay SEC", "wait SEC seconds before the first send");
            Option(text, "-l, --linger SEC", $"on exit, wait up to SEC seconds for sent messages to be delivered (default {CliOptions.DefaultLinger.TotalSeconds:0})");
        }
        Option(text, "-J, --jsonl", "JSON lines: each message is a JSON array of strings, one per line");
        Option(text, "-h, --help", "show this help");
    }

    private static void Option(StringBuilder text, string syntax, string description) =>
        text.Append($"  {syntax,-20}  {description}\n");
}

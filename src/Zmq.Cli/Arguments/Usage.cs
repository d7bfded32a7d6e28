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
            text.Append("       zmq proxy --frontend TYPE@EP --backend TYPE@EP   a broker between two sockets\n");
            text.Append("       zmq demo [--count N]    every socket pattern over inproc, ipc and tcp, with timings\n");
            text.Append("       zmq keys                a new CURVE key pair in Z85 (zmq keys --help)\n");
            text.Append("       zmq TYPE --help         the options of TYPE (also zmq proxy --help, zmq demo --help)\n\n");
            text.Append("types:\n");
            foreach (SocketKind kind in SocketKinds.All)
            {
                text.Append($"  {kind.Name,-6}  {kind.Summary}\n");
            }
            text.Append('\n');
            AppendOptions(text, kind: null);
            text.Append('\n').Append(Formats);
            text.Append("\nexamples:\n");
            text.Append("  zmq pull -b tcp://127.0.0.1:5555 -n 1 &\n");
            text.Append("  printf 'topic\\thello\\n' | zmq push -c tcp://127.0.0.1:5555\n\n");
            text.Append("  zmq rep -b tcp://127.0.0.1:5556 --echo &\n");
            text.Append("  echo ping | zmq req -c tcp://127.0.0.1:5556                 # prints the reply: ping\n\n");
            text.Append("  zmq sub -c tcp://127.0.0.1:5557 -s weather &\n");
            text.Append("  printf 'weather\\tsun\\nsports\\tgoal\\n' | zmq pub -b tcp://127.0.0.1:5557 -d 0.5\n");
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

    private static string Behaviour(SocketKind kind)
    {
        string behaviour = kind.Conversation switch
        {
            Conversation.Send =>
                "Sends one message per line of stdin until it ends (or --data), then waits up to the\n" +
                "linger time for them to be delivered.",
            Conversation.Receive =>
                "Prints each message that arrives, until -n messages have arrived (or forever).",
            Conversation.Duplex =>
                "Sends one message per line of stdin (or --data) and prints the messages that arrive.\n" +
                "Without -n it stops when its input ends; with -n N it sends at most N and stops once\n" +
                "it has also received N.",
            Conversation.Listen =>
                "Prints each message that arrives, until -n messages have arrived (or forever), and\n" +
                "meanwhile sends one message per line of stdin (or --data).",
            Conversation.Request =>
                "Sends one request per line of stdin (or --data) and prints its reply before sending\n" +
                "the next. Stops when stdin ends, or after -n N replies; -t bounds the wait for each.",
            Conversation.Reply =>
                "Prints each request that arrives and sends one reply to it: the request itself with\n" +
                "--echo, TEXT with --data TEXT, otherwise the next line of stdin. Stops after -n N\n" +
                "replies, or when stdin ends (--echo and --data answer every request until -n N);\n" +
                "-t bounds the wait for each request.",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Conversation, "unknown conversation"),
        };
        return kind.Notes is { } notes ? behaviour + "\n\n" + notes : behaviour;
    }

    /// <summary>The options of <paramref name="kind"/>, or of every type for null.</summary>
    private static void AppendOptions(StringBuilder text, SocketKind? kind)
    {
        bool sends = kind?.Sends ?? true;
        text.Append("options:\n");
        Option(text, "-b, --bind EP", "accept connections on EP, e.g. tcp://*:5555, ipc:///tmp/feed (repeatable)");
        Option(text, "-c, --connect EP", "connect to EP, e.g. tcp://localhost:5555 (repeatable; one -b or -c is required)");
        Option(text, "-n, --count N", kind?.Conversation switch
        {
            null => "receivers stop after N messages, senders send at most N, req and rep stop after N replies",
            Conversation.Receive => "stop after receiving N messages",
            Conversation.Send => "send at most N messages",
            Conversation.Duplex => "send at most N messages, and stop once N have been received",
            Conversation.Listen => "stop after receiving N messages (and send at most N)",
            _ => "stop after N replies",
        });
        Option(text, "-t, --timeout SEC", kind?.Conversation switch
        {
            Conversation.Receive => "exit with code 2 when no message arrives within SEC seconds",
            Conversation.Send => "exit with code 2 when a send waits SEC seconds",
            Conversation.Request => "exit with code 2 when a reply (or a send) takes SEC seconds",
            Conversation.Reply => "exit with code 2 when no request arrives within SEC seconds",
            _ => "exit with code 2 when a wait for a message (or to send one) lasts SEC seconds",
        });
        if (sends)
        {
            Option(text, "-D, --data TEXT", kind?.Conversation switch
            {
                null => "send TEXT instead of reading stdin: once, or N times with -n N (rep: every reply)",
                Conversation.Reply => "reply TEXT to every request instead of reading stdin (or to N with -n N)",
                _ => "send TEXT instead of reading stdin: once, or N times with -n N",
            });
            Option(text, "-i, --interval SEC", "pause SEC seconds between sends");
            Option(text, "-d, --delay SEC", "wait SEC seconds before the first send");
            Option(text, "-l, --linger SEC", $"on exit, wait up to SEC seconds for sent messages to be delivered (default {CliOptions.DefaultLinger.TotalSeconds:0})");
        }
        OptionFor(text, kind, static k => k.Subscribes, "-s, --subscribe PREFIX",
            "receive the messages whose first frame starts with PREFIX (repeatable; default: all)");
        OptionFor(text, kind, static k => k.Conversation == Conversation.Reply, "--echo",
            "reply to each request with the request itself");
        OptionFor(text, kind, static k => k.TakesIdentity, "--identity ID",
            "the routing id (text or 0x hex) router peers know this socket by");
        Option(text, "--plain USER:PW", "log in to PLAIN servers as USER with password PW (sent in clear text)");
        Option(text, "--plain-server USER:PW", "be a PLAIN server that lets in USER with password PW (repeatable)");
        Option(text, "--curve KEY", "encrypt with CURVE as a client of the server whose public key is KEY (Z85)");
        Option(text, "--curve-server SECRET", "encrypt with CURVE as a server with the secret key SECRET (Z85, from zmq keys)");
        Option(text, "-J, --jsonl", "JSON lines: each message is a JSON array of strings, one per line");
        Option(text, "-h, --help", "show this help");
    }

    /// <summary>An option that applies to some types: listed for them, and in the general help with their names.</summary>
    private static void OptionFor(StringBuilder text, SocketKind? kind, Func<SocketKind, bool> applies, string syntax, string description)
    {
        if (kind is null)
        {
            string names = string.Join(", ", SocketKinds.All.Where(applies).Select(k => k.Name));
            Option(text, syntax, $"({names}) {description}");
        }
        else if (applies(kind))
        {
            Option(text, syntax, description);
        }
    }

    private static void Option(StringBuilder text, string syntax, string description) =>
        text.Append($"  {syntax,-22}  {description}\n");
}

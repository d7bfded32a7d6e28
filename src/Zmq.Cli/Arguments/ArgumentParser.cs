using Zmq.Cli.Formats;

namespace Zmq.Cli.Arguments;

/// <summary>Parses the options of <c>zmq TYPE [options]</c> (everything after the type).</summary>
internal static class ArgumentParser
{
    /// <summary>Parses <paramref name="args"/> for a socket of type <paramref name="kind"/>.</summary>
    /// <exception cref="CliException">An option is unknown, misses its value, has a bad value or does not apply to the type, or no endpoint is given.</exception>
    public static CliOptions Parse(SocketKind kind, IReadOnlyList<string> args)
    {
        try
        {
            return ParseOptions(kind, args);
        }
        catch (CliException error)
        {
            throw CliException.Usage($"{error.Message} (see zmq {kind.Name} --help)");
        }
    }

    private static CliOptions ParseOptions(SocketKind kind, IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args);
        var options = new CliOptions(kind);
        List<string> binds = [];
        List<string> connects = [];
        List<byte[]> subscriptions = [];
        List<PlainCredentials> plainUsers = [];
        while (reader.MoveNext())
        {
            switch (reader.Option)
            {
                case "-h" or "--help":
                    return new CliOptions(kind) { Help = true };
                case "-b" or "--bind":
                    binds.Add(reader.Value());
                    break;
                case "-c" or "--connect":
                    connects.Add(reader.Value());
                    break;
                case "-n" or "--count":
                    options = options with { Count = reader.Count() };
                    break;
                case "-t" or "--timeout":
                    options = options with { Timeout = reader.Seconds() };
                    break;
                case "-J" or "--jsonl":
                    options = options with { JsonLines = true };
                    break;
                case "-D" or "--data":
                    RequireSender(kind, reader.Option);
                    options = options with { Data = reader.Value() };
                    break;
                case "-i" or "--interval":
                    RequireSender(kind, reader.Option);
                    options = options with { Interval = reader.Seconds() };
                    break;
                case "-d" or "--delay":
                    RequireSender(kind, reader.Option);
                    options = options with { Delay = reader.Seconds() };
                    break;
                case "-l" or "--linger":
                    RequireSender(kind, reader.Option);
                    options = options with { Linger = reader.Seconds() };
                    break;
                case "-s" or "--subscribe":
                    RequireKind(kind, reader.Option, static k => k.Subscribes);
                    subscriptions.Add(FrameText.Decode(reader.Value()));
                    break;
                case "--echo":
                    RequireKind(kind, reader.Option, static k => k.Conversation == Conversation.Reply);
                    options = options with { Echo = true };
                    break;
                case "--identity":
                    RequireKind(kind, reader.Option, static k => k.TakesIdentity);
                    options = options with { Identity = Identity(reader) };
                    break;
                case "--plain":
                    options = options with { PlainLogin = PlainCredentials.Parse(reader.Option, reader.Value()) };
                    break;
                case "--plain-server":
                    plainUsers.Add(PlainCredentials.Parse(reader.Option, reader.Value()));
                    break;
                case "--curve-server":
                    options = options with { CurveServerKeys = CurveKeyPair.FromSecretKey(CurveKey(reader)) };
                    break;
                case "--curve":
                    options = options with { CurveServerKey = CurveKey(reader) };
                    break;
                default:
                    throw CliException.Usage($"unknown option '{reader.Option}' for {kind.Name}");
            }
        }
        if (binds.Count + connects.Count == 0)
        {
            throw CliException.Usage($"{kind.Name} needs at least one endpoint: -b/--bind EP or -c/--connect EP");
        }
        if (options.Echo && options.Data is not null)
        {
            throw CliException.Usage("--echo and --data both say what to reply: give one of them");
        }
        int mechanisms = (options.PlainLogin is not null ? 1 : 0) + (plainUsers.Count > 0 ? 1 : 0)
            + (options.CurveServerKeys is not null ? 1 : 0) + (options.CurveServerKey is not null ? 1 : 0);
        if (mechanisms > 1)
        {
            throw CliException.Usage("--plain, --plain-server, --curve and --curve-server each choose this socket's security: give one of them");
        }
        return options with { Binds = binds, Connects = connects, Subscriptions = subscriptions, PlainUsers = plainUsers };
    }

    /// <summary>The value of <c>--identity</c> as bytes (text, or <c>0x</c> hex): 1 to 255 bytes, not starting with a zero byte (reserved for generated ids).</summary>
    private static byte[] Identity(ArgumentReader reader)
    {
        string text = reader.Value();
        byte[] id = FrameText.Decode(text);
        if (id.Length is 0 or > 255 || id[0] == 0)
        {
            throw CliException.Usage($"option {reader.Option} needs 1 to 255 bytes that do not start with a zero byte, not '{text}'");
        }
        return id;
    }

    /// <summary>The value of <c>--curve</c> or <c>--curve-server</c>: a Z85 key of 40 characters.</summary>
    private static byte[] CurveKey(ArgumentReader reader)
    {
        string text = reader.Value();
        try
        {
            return CurveKeyPair.ParseKey(text);
        }
        catch (ArgumentException error)
        {
            throw CliException.Usage($"option {reader.Option} needs a Z85 key (see zmq keys): {error.Message}");
        }
    }

    private static void RequireKind(SocketKind kind, string option, Func<SocketKind, bool> applies)
    {
        if (!applies(kind))
        {
            string[] names = [.. SocketKinds.All.Where(applies).Select(k => k.Name)];
            string kinds = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
            throw CliException.Usage($"option {option} is for {kinds} sockets, not {kind.Name}");
        }
    }

    private static void RequireSender(SocketKind kind, string option)
    {
        if (!kind.Sends)
        {
            throw CliException.Usage($"option {option} is for sending, and {kind.Name} sockets do not send");
        }
    }
}

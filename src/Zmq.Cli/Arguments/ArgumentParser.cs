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
                default:
                    throw CliException.Usage($"unknown option '{reader.Option}' for {kind.Name}");
            }
        }
        if (binds.Count + connects.Count == 0)
        {
            throw CliException.Usage($"{kind.Name} needs at least one endpoint: -b/--bind EP or -c/--connect EP");
        }
        return options with { Binds = binds, Connects = connects };
    }

    private static void RequireSender(SocketKind kind, string option)
    {
        if (!kind.Sends)
        {
            throw CliException.Usage($"option {option} is for sending, and {kind.Name} sockets do not send");
        }
    }
}

using System.Globalization;
using Zmq.Cli.Arguments;

namespace Zmq.Cli.Demo;

/// <summary>
/// <c>zmq demo</c>: sends a topic/hello message and a burst of small messages through every
/// pattern in <see cref="DemoPatterns"/> over every transport, prints a table, and exits 0 only
/// when every run delivered everything, in order.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "demo";

    /// <summary>The burst size when <c>--count</c> is not given.</summary>
    public const int DefaultCount = 100_000;

    /// <summary>The largest burst accepted.</summary>
    public const int MaxCount = 10_000_000;

    private const string Help =
        """
        usage: zmq demo [--count N]
          Sends a two-frame message (topic, hello) and then a burst of N small numbered messages
          through every socket pattern (PUSH/PULL, PAIR, REQ/REP, DEALER/ROUTER, PUB/SUB and an
          XSUB/XPUB proxy), over inproc (two threads of this process), ipc and tcp (this process
          and a second copy of zmq), and prints what arrived, in what order, how fast.
          REQ/REP makes one round trip at a time, so it sends a 20th of the burst.
          Exits with 0 when every run delivered everything in order, 1 otherwise.

        options:
          -n, --count N   messages in each burst (default 100,000)
          -h, --help      show this help

        """;

    /// <summary>Runs the demo with <paramref name="args"/> (after <c>demo</c>), writing to <paramref name="output"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        int? count = ParseCount(args);
        if (count is null)
        {
            output.Write(Help);
            return ExitCodes.Success;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"zmq demo: each run sends a two-frame message (topic, hello), then {count:N0} numbered 4-byte messages."));
        output.WriteLine("inproc runs use two threads of this process; ipc and tcp runs a second process (zmq demo-peer).");
        output.WriteLine("hello: the topic/hello message arrived intact; per msg: the time per message of the burst.");
        output.WriteLine();
        var table = new DemoTable(output, count.Value);
        table.WriteHeader();
        var results = new List<DemoResult>();
        foreach (DemoPattern pattern in DemoPatterns.All)
        {
            foreach (DemoTransport transport in DemoTransports.All)
            {
                DemoResult result = DemoRun.Run(pattern, transport, count.Value);
                table.Write(result);
                results.Add(result);
            }
        }
        output.WriteLine();
        foreach (string note in DemoPatterns.All.Select(p => p.Note).OfType<string>())
        {
            output.WriteLine(note);
        }
        foreach (DemoResult failed in results.Where(r => !r.Delivered))
        {
            output.WriteLine($"FAILED {failed.Pattern.Name} over {failed.Transport.Name()}: {failed.Problems ?? "not everything arrived"}");
        }
        int failures = results.Count(r => !r.Delivered);
        output.WriteLine(failures == 0
            ? $"All {results.Count} runs delivered every message, in order. Next: zmq --help"
            : $"{failures} of {results.Count} runs FAILED.");
        output.Flush();
        return failures == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    /// <summary>The burst size, or null for <c>--help</c>.</summary>
    private static int? ParseCount(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args);
        long count = DefaultCount;
        try
        {
            while (reader.MoveNext())
            {
                switch (reader.Option)
                {
                    case "-h" or "--help":
                        return null;
                    case "-n" or "--count":
                        count = reader.Count();
                        break;
                    default:
                        throw CliException.Usage($"unknown option '{reader.Option}' for demo");
                }
            }
        }
        catch (CliException error)
        {
            throw CliException.Usage($"{error.Message} (see zmq demo --help)");
        }
        if (count > MaxCount)
        {
            throw CliException.Usage($"option --count takes at most {MaxCount:N0} for the demo (see zmq demo --help)");
        }
        return (int)count;
    }
}

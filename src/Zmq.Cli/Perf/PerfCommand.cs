using System.Globalization;

namespace Zmq.Cli.Perf;

/// <summary>
/// <c>zmq perf thr|lat ROLE ENDPOINT SIZE COUNT</c>: the benchmark peer contract of the shared
/// harness (bench/peers/README.md), so Zmq runs side by side with libzmq and NetMQ.
/// </summary>
/// <remarks>
/// Roles: <c>thr recv|send|both</c> (PUSH to PULL throughput, measured on the receiver from the
/// first message to the last) and <c>lat rep|req|both</c> (REQ/REP round trips, each timed alone).
/// The measuring side prints one <c>RESULT</c> line. Exit codes: 0 success, 1 usage, 3 a message of
/// the wrong size, 4 nothing received for 10 s. With BENCH_HOLD_S set, the non-measuring side keeps
/// its socket open that long after its loop (the harness then stops it).
/// </remarks>
internal static class PerfCommand
{
    /// <summary>The usage line.</summary>
    public const string Usage = "usage: zmq perf thr recv|send|both ENDPOINT SIZE COUNT\n       zmq perf lat rep|req|both ENDPOINT SIZE COUNT\n       zmq perf alloc [COUNT]";

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        // Run socket completions on the event thread instead of queuing them to the thread pool: one
        // thread hand-off less per message each way (docs/PERFORMANCE.md). Read when the first socket
        // is created, so it must be set before that; it suits a process with few connections.
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        if (args.Length is 1 or 2 && args[0] == "alloc")
        {
            return AllocationPeer.Run(args.Length == 2 && TryParse(args[1], out int messages) && messages > 0 ? messages : 1_000_000);
        }
        if (args.Length != 5 || !TryParse(args[3], out int size) || size < 0 || !TryParse(args[4], out int count) || count < 1)
        {
            Console.Error.WriteLine(Usage);
            return 1;
        }
        var run = new PerfRun(args[2], size, count);
        return (args[0], args[1]) switch
        {
            ("thr", "recv") => ThroughputPeer.Receive(run),
            ("thr", "send") => ThroughputPeer.Send(run, hold: true),
            ("thr", "both") => ThroughputPeer.Both(run),
            ("lat", "rep") => LatencyPeer.Echo(run, hold: true),
            ("lat", "req") => LatencyPeer.Request(run),
            ("lat", "both") => LatencyPeer.Both(run),
            _ => UnknownRole(args[0], args[1]),
        };
    }

    private static int UnknownRole(string workload, string role)
    {
        Console.Error.WriteLine($"zmq perf: unknown workload/role '{workload} {role}'\n{Usage}");
        return 1;
    }

    private static bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

/// <summary>One benchmark run's parameters.</summary>
/// <param name="Endpoint">The endpoint to bind (receiving or echoing side) or connect (the other).</param>
/// <param name="Size">The message size in bytes.</param>
/// <param name="Count">Messages (thr) or timed round trips (lat).</param>
internal sealed record PerfRun(string Endpoint, int Size, int Count)
{
    /// <summary>A receiver that gets nothing for this long gives up with exit code 4.</summary>
    public static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The transport name for the RESULT line.</summary>
    public string Transport => Endpoint[..Endpoint.IndexOf(':')];

    /// <summary>Keeps the non-measuring side's socket open for BENCH_HOLD_S seconds, when set.</summary>
    public static void HoldIfAsked()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_HOLD_S"), out int seconds) && seconds > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>Formats a number for the RESULT line.</summary>
    public static string Number(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}

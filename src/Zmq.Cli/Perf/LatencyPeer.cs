using System.Diagnostics;

namespace Zmq.Cli.Perf;

/// <summary>REQ/REP round trips: the <c>lat</c> roles of the benchmark contract.</summary>
internal static class LatencyPeer
{
    /// <summary>Binds REP and echoes every request (warm-up included), then holds when asked.</summary>
    public static int Echo(PerfRun run, bool hold)
    {
        using var rep = new RepSocket();
        rep.Bind(run.Endpoint);
        int exitCode = EchoAll(rep, run);
        if (hold)
        {
            PerfRun.HoldIfAsked();
        }
        return exitCode;
    }

    /// <summary>Connects REQ, makes the warm-up and timed round trips, prints the RESULT line.</summary>
    public static int Request(PerfRun run)
    {
        using var req = new ReqSocket();
        req.Connect(run.Endpoint);
        return RequestAll(req, run);
    }

    /// <summary>Both sides in one process, on two threads (for inproc).</summary>
    public static int Both(PerfRun run)
    {
        using var rep = new RepSocket();
        rep.Bind(run.Endpoint);
        int echoResult = 0;
        var echo = new Thread(() => echoResult = EchoAll(rep, run)) { IsBackground = true };
        echo.Start();
        using var req = new ReqSocket();
        req.Connect(run.Endpoint);
        int exitCode = RequestAll(req, run);
        echo.Join();
        return exitCode != 0 ? exitCode : echoResult;
    }

    private static int Warmup(int count) => Math.Min(1000, count / 10);

    private static int EchoAll(RepSocket rep, PerfRun run)
    {
        var message = new Message();
        int total = Warmup(run.Count) + run.Count;
        for (int i = 0; i < total; i++)
        {
            if (!rep.TryReceive(message, PerfRun.ReceiveTimeout))
            {
                Console.Error.WriteLine($"timed out after echoing {i} of {total} requests");
                return 4;
            }
            rep.Send(message);
        }
        return 0;
    }

    private static int RequestAll(ReqSocket req, PerfRun run)
    {
        int warmup = Warmup(run.Count);
        long[] roundTrips = new long[run.Count];
        var request = new Message();
        var reply = new Message();
        for (int i = 0; i < warmup + run.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            request.AddFrame(run.Size).Clear();
            req.Send(request);
            if (!req.TryReceive(reply, PerfRun.ReceiveTimeout))
            {
                Console.Error.WriteLine($"timed out waiting for reply {i}");
                return 4;
            }
            long end = Stopwatch.GetTimestamp();
            if (reply.Count != 1 || reply[0].Length != run.Size)
            {
                Console.Error.WriteLine($"reply of {reply.TotalLength} bytes, expected {run.Size}");
                return 3;
            }
            if (i >= warmup)
            {
                roundTrips[i - warmup] = end - start;
            }
        }
        Report(run, roundTrips);
        return 0;
    }

    private static void Report(PerfRun run, long[] roundTrips)
    {
        double ticksPerMicrosecond = Stopwatch.Frequency / 1e6;
        double meanRtt = roundTrips.Average() / ticksPerMicrosecond;
        Array.Sort(roundTrips);
        double Percentile(double p)
        {
            int index = Math.Clamp((int)Math.Ceiling(p / 100 * roundTrips.Length) - 1, 0, roundTrips.Length - 1);
            return roundTrips[index] / ticksPerMicrosecond / 2;
        }
        Console.WriteLine(
            $"RESULT peer=zmq workload=lat transport={run.Transport} size={run.Size} count={run.Count} " +
            $"rtt_us_mean={PerfRun.Number(meanRtt, 3)} lat_us_mean={PerfRun.Number(meanRtt / 2, 3)} " +
            $"lat_us_p50={PerfRun.Number(Percentile(50), 3)} lat_us_p99={PerfRun.Number(Percentile(99), 3)} " +
            $"lat_us_max={PerfRun.Number(roundTrips[^1] / ticksPerMicrosecond / 2, 3)}");
    }
}

namespace Zmq.Cli.Perf;

/// <summary>
/// <c>zmq perf alloc [COUNT]</c>: bytes allocated per message in steady state, by the runtime's own
/// counter (<see cref="GC.GetTotalAllocatedBytes"/>, every thread of the process), for PUSH/PULL
/// and REQ/REP over inproc, ipc and tcp at 16, 256 and 65,536 bytes. Both ends run in this process, so
/// their connections' loops are counted too. Each case warms up first, then measures COUNT
/// messages (default 1,000,000; a twentieth of that at 64 KiB).
/// </summary>
internal static class AllocationPeer
{
    /// <summary>Messages sent before measuring (fewer when the case measures fewer).</summary>
    private const int MaxWarmup = 50_000;

    /// <summary>Runs every case and prints one ALLOC line each; exit code 0.</summary>
    public static int Run(int count)
    {
        foreach (string transport in (string[])["inproc", "ipc", "tcp"])
        {
            // 64 KiB frames take the large-frame paths (pooled frame arrays, gathering sends and
            // scattering receives); a twentieth of the count keeps the run short.
            foreach ((int size, int messages) in (ReadOnlySpan<(int, int)>)[(16, count), (256, count), (65536, Math.Max(1, count / 20))])
            {
                Report("pushpull", transport, size, messages, MeasurePushPull(Endpoint(transport), size, messages));
                Report("reqrep", transport, size, messages, MeasureReqRep(Endpoint(transport), size, messages));
            }
        }
        return 0;
    }

    private static string Endpoint(string transport) => transport switch
    {
        "inproc" => $"inproc://alloc-{Guid.NewGuid():N}",
        "ipc" => $"ipc:///tmp/zmq-alloc-{Guid.NewGuid():N}.ipc",
        _ => "tcp://127.0.0.1:*",
    };

    private static void Report(string pattern, string transport, int size, int count, long bytes) =>
        Console.WriteLine($"ALLOC pattern={pattern} transport={transport} size={size} messages={count} bytes_allocated={bytes} bytes_per_msg={PerfRun.Number((double)bytes / count, 4)}");

    private static long MeasurePushPull(string endpoint, int size, int count)
    {
        int warmup = Math.Min(MaxWarmup, count);
        using var pull = new PullSocket();
        string bound = pull.Bind(endpoint);
        using var push = new PushSocket();
        push.Connect(bound);
        var sender = new Thread(() =>
        {
            var message = new Message();
            for (int i = 0; i < warmup + count; i++)
            {
                message.AddFrame(size)[0] = (byte)i;
                push.Send(message);
            }
        });
        sender.Start();
        var received = new Message();
        long start = 0;
        for (int i = 0; i < warmup + count; i++)
        {
            if (i == warmup)
            {
                start = GC.GetTotalAllocatedBytes(precise: true);
            }
            pull.Receive(received);
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - start;
        sender.Join();
        return allocated;
    }

    private static long MeasureReqRep(string endpoint, int size, int count)
    {
        using var rep = new RepSocket();
        string bound = rep.Bind(endpoint);
        using var req = new ReqSocket();
        req.Connect(bound);
        // A tenth as many round trips as messages, each of them two messages.
        int warmup = Math.Max(1, Math.Min(MaxWarmup, count) / 10);
        int roundTrips = Math.Max(1, count / 10);
        int total = warmup + roundTrips;
        var echo = new Thread(() =>
        {
            var request = new Message();
            for (int i = 0; i < total; i++)
            {
                rep.Receive(request);
                rep.Send(request);
            }
        });
        echo.Start();
        var message = new Message();
        long start = 0;
        for (int i = 0; i < total; i++)
        {
            if (i == warmup)
            {
                start = GC.GetTotalAllocatedBytes(precise: true);
            }
            message.AddFrame(size)[0] = (byte)i;
            req.Send(message);
            req.Receive(message);
            message.Clear();
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - start;
        echo.Join();
        // A round trip is two messages; report per message like the PUSH/PULL case.
        return allocated * count / (2L * roundTrips);
    }
}

namespace Zmq.Cli.Perf;

/// <summary>
/// <c>zmq perf alloc [COUNT]</c>: bytes allocated per message in steady state, by the runtime's own
/// counter (<see cref="GC.GetTotalAllocatedBytes"/>, every thread of the process), for PUSH/PULL
/// and REQ/REP over inproc, ipc and tcp at 16 and 256 bytes. Both ends run in this process, so
/// their connections' loops are counted too. Each case warms up first, then measures COUNT
/// messages (default 1,000,000).
/// </summary>
internal static class AllocationPeer
{
    private const int Warmup = 50_000;

    /// <summary>Runs every case and prints one ALLOC line each; exit code 0.</summary>
    public static int Run(int count)
    {
        foreach (string transport in (string[])["inproc", "ipc", "tcp"])
        {
            foreach (int size in (int[])[16, 256])
            {
                Report("pushpull", transport, size, count, MeasurePushPull(Endpoint(transport), size, count));
                Report("reqrep", transport, size, count, MeasureReqRep(Endpoint(transport), size, count));
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
        using var pull = new PullSocket();
        string bound = pull.Bind(endpoint);
        using var push = new PushSocket();
        push.Connect(bound);
        var sender = new Thread(() =>
        {
            var message = new Message();
            for (int i = 0; i < Warmup + count; i++)
            {
                message.AddFrame(size)[0] = (byte)i;
                push.Send(message);
            }
        });
        sender.Start();
        var received = new Message();
        long start = 0;
        for (int i = 0; i < Warmup + count; i++)
        {
            if (i == Warmup)
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
        int total = Warmup / 10 + count / 10;
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
            if (i == Warmup / 10)
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
        return allocated * count / (2L * (count / 10));
    }
}

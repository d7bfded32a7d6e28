using System.Diagnostics;

namespace Zmq.Cli.Perf;

/// <summary>PUSH to PULL throughput: the <c>thr</c> roles of the benchmark contract.</summary>
internal static class ThroughputPeer
{
    /// <summary>Binds PULL, receives the messages, prints the RESULT line.</summary>
    public static int Receive(PerfRun run)
    {
        using var pull = new PullSocket();
        pull.Bind(run.Endpoint);
        return ReceiveAll(pull, run);
    }

    /// <summary>Connects PUSH and sends the messages (then holds, when asked, so nothing is lost at exit).</summary>
    public static int Send(PerfRun run, bool hold)
    {
        using var push = new PushSocket { Linger = Timeout.InfiniteTimeSpan };
        push.Connect(run.Endpoint);
        SendAll(push, run);
        if (hold)
        {
            PerfRun.HoldIfAsked();
        }
        return 0;
    }

    /// <summary>Both sides in one process, on two threads (for inproc).</summary>
    public static int Both(PerfRun run)
    {
        using var pull = new PullSocket();
        pull.Bind(run.Endpoint);
        var sender = new Thread(() => Send(run, hold: false)) { IsBackground = true };
        sender.Start();
        int exitCode = ReceiveAll(pull, run);
        sender.Join();
        return exitCode;
    }

    private static void SendAll(PushSocket push, PerfRun run)
    {
        // As the reference peers do: a fresh frame of SIZE bytes per message, only its first byte written.
        var message = new Message();
        for (int i = 0; i < run.Count; i++)
        {
            Span<byte> frame = message.AddFrame(run.Size);
            if (frame.Length > 0)
            {
                frame[0] = (byte)i;
            }
            push.Send(message);
        }
    }

    private static int ReceiveAll(PullSocket pull, PerfRun run)
    {
        var message = new Message();
        long first = 0;
        for (int i = 0; i < run.Count; i++)
        {
            if (!pull.TryReceive(message, PerfRun.ReceiveTimeout))
            {
                Console.Error.WriteLine($"timed out after receiving {i} of {run.Count} messages");
                return 4;
            }
            // TotalLength reads the frame lengths only, not the frames (as zmq_msg_size does).
            if (message.Count != 1 || message.TotalLength != run.Size)
            {
                Console.Error.WriteLine($"message {i} has {message.Count} frame(s) of {message.TotalLength} bytes, expected one of {run.Size}");
                return 3;
            }
            if (i == 0)
            {
                first = Stopwatch.GetTimestamp();
            }
        }
        double elapsed = Stopwatch.GetElapsedTime(first).TotalSeconds;
        double rate = run.Count > 1 && elapsed > 0 ? (run.Count - 1) / elapsed : 0;
        Console.WriteLine(
            $"RESULT peer=zmq workload=thr transport={run.Transport} size={run.Size} count={run.Count} " +
            $"elapsed_s={PerfRun.Number(elapsed, 6)} msgs_per_s={PerfRun.Number(rate, 1)} MB_per_s={PerfRun.Number(rate * run.Size / 1e6, 3)}");
        return 0;
    }
}

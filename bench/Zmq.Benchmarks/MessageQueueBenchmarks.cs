using BenchmarkDotNet.Attributes;
using Zmq.Pipes;

namespace Zmq.Benchmarks;

/// <summary>The pipe's queue: write and read one message at a time, and in batches with one flush.</summary>
[MemoryDiagnoser]
public class MessageQueueBenchmarks
{
    private const int Batch = 1000;
    private readonly MessageQueue _queue = new(0);
    private readonly Message _outgoing = new();
    private readonly Message _incoming = new();

    /// <summary>Write, flush, read: what one send and one receive cost when nobody waits.</summary>
    [Benchmark]
    public bool WriteFlushRead()
    {
        _outgoing.AddFrame(16);
        _queue.TryWrite(_outgoing);
        _queue.Flush();
        bool read = _queue.TryRead(_incoming);
        _incoming.Clear();
        return read;
    }

    /// <summary>1,000 writes, one flush, 1,000 reads: a connection's batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int BatchOfWritesThenReads()
    {
        for (int i = 0; i < Batch; i++)
        {
            _outgoing.AddFrame(16);
            _queue.TryWrite(_outgoing);
        }
        _queue.Flush();
        int read = 0;
        while (_queue.TryRead(_incoming))
        {
            _incoming.Clear();
            read++;
        }
        return read;
    }
}

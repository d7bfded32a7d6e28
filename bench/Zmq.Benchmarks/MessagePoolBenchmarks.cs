using BenchmarkDotNet.Attributes;
using Zmq.Pipes;

namespace Zmq.Benchmarks;

/// <summary>Renting and returning the library's message objects, and filling a small frame.</summary>
[MemoryDiagnoser]
public class MessagePoolBenchmarks
{
    private readonly byte[] _payload = new byte[16];

    /// <summary>Rent, add a 16-byte frame, return.</summary>
    [Benchmark]
    public int RentFillReturn()
    {
        Message message = MessagePool.Rent();
        message.Add(_payload);
        int count = message.Count;
        MessagePool.Return(message);
        return count;
    }
}

using BenchmarkDotNet.Attributes;
using Zmq.Pipes;
using Zmq.Security;

namespace Zmq.Benchmarks;

/// <summary>CURVE's data phase: one frame boxed into a MESSAGE and opened again, by size.</summary>
[MemoryDiagnoser]
public class CurveSessionBenchmarks
{
    private readonly CurveSession _client;
    private readonly CurveSession _server;
    private byte[] _payload = [];
    private byte[] _frame = [];

    /// <summary>Two ends of one session (the same box key, each direction its own nonces).</summary>
    public CurveSessionBenchmarks()
    {
        CurveKeyPair a = CurveKeyPair.Generate();
        CurveKeyPair b = CurveKeyPair.Generate();
        var key = new byte[CurveCrypto.KeyLength];
        CurveCrypto.TryPrecompute(b.PublicKey.Span, a.SecretKey.Span, key);
        _client = new CurveSession(key, asServer: false, lastSent: 2, lastReceived: 1);
        _server = new CurveSession([.. key], asServer: true, lastSent: 1, lastReceived: 2);
    }

    /// <summary>The payload size in bytes.</summary>
    [Params(16, 4096)]
    public int Size { get; set; }

    /// <summary>Makes the payload and the frame buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[Size];
        _frame = new byte[CurveSession.FrameLength(Size)];
    }

    /// <summary>Client boxes a frame, server opens it.</summary>
    [Benchmark]
    public int SealAndOpen()
    {
        int length = _client.Encrypt(0, _payload, _frame);
        int header = length - (Size + CurveSession.Overhead);
        (_, byte[] opened, int openedLength) = _server.Decrypt(_frame.AsSpan(header, length - header));
        BufferPool.Return(opened);
        return openedLength;
    }
}

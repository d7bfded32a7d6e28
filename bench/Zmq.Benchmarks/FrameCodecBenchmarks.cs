using BenchmarkDotNet.Attributes;
using Zmq.Zmtp;

namespace Zmq.Benchmarks;

/// <summary>Encoding and decoding a batch of ZMTP frames, as a connection's loops do.</summary>
[MemoryDiagnoser]
public class FrameCodecBenchmarks
{
    private const int FramesPerBatch = 1000;
    private readonly FrameDecoder _decoder = new();
    private byte[] _wire = [];
    private byte[] _body = [];

    /// <summary>Frame body size in bytes.</summary>
    [Params(16, 256, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = new byte[Size];
        _wire = new byte[FramesPerBatch * (FrameHeader.MaxSize + Size)];
        int at = 0;
        for (int i = 0; i < FramesPerBatch; i++)
        {
            at += FrameHeader.WriteMessage(_wire.AsSpan(at), Size, more: false);
            _body.CopyTo(_wire.AsSpan(at));
            at += Size;
        }
        Array.Resize(ref _wire, at);
    }

    /// <summary>Encodes 1,000 frames into one buffer.</summary>
    [Benchmark(OperationsPerInvoke = FramesPerBatch)]
    public int Encode()
    {
        Span<byte> output = _wire;
        int at = 0;
        for (int i = 0; i < FramesPerBatch; i++)
        {
            at += FrameHeader.WriteMessage(output[at..], _body.Length, more: false);
            _body.CopyTo(output[at..]);
            at += _body.Length;
        }
        return at;
    }

    /// <summary>Decodes 1,000 frames from one buffer.</summary>
    [Benchmark(OperationsPerInvoke = FramesPerBatch)]
    public int Decode()
    {
        ReadOnlySpan<byte> input = _wire;
        int total = 0;
        while (!input.IsEmpty)
        {
            if (_decoder.TryDecode(input, out int consumed, out DecodedFrame frame))
            {
                total += frame.Body.Length;
            }
            input = input[consumed..];
        }
        return total;
    }
}

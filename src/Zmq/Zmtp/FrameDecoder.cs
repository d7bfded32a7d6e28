using Zmq.Pipes;
using System.Buffers.Binary;

namespace Zmq.Zmtp;

/// <summary>A frame produced by <see cref="FrameDecoder"/>.</summary>
/// <remarks>
/// When <see cref="Rented"/> is null, <see cref="Body"/> points into the caller's input and is
/// valid only until that input is reused. Otherwise the body was assembled across reads in an
/// array from <see cref="BufferPool"/>, and the caller owns it (return it or hand
/// it on).
/// </remarks>
internal readonly ref struct DecodedFrame(FrameFlags flags, ReadOnlySpan<byte> body, byte[]? rented)
{
    /// <summary>The flags octet.</summary>
    public FrameFlags Flags { get; } = flags;

    /// <summary>The frame body.</summary>
    public ReadOnlySpan<byte> Body { get; } = body;

    /// <summary>The pooled array holding <see cref="Body"/>, when the body was assembled.</summary>
    public byte[]? Rented { get; } = rented;

    /// <summary>True for a command frame.</summary>
    public bool IsCommand => (Flags & FrameFlags.Command) != 0;

    /// <summary>True when more frames of the same message follow.</summary>
    public bool HasMore => (Flags & FrameFlags.More) != 0;
}

/// <summary>
/// Turns a byte stream into ZMTP frames (RFC 37), one call at a time, however the bytes are split.
/// </summary>
/// <remarks>
/// <para>Contract: owned by one connection's read loop; not thread-safe. Each call consumes input
/// until one frame completes or the input runs out; partial headers and bodies are kept inside.</para>
/// <para>Hostile input: reserved flag bits, MORE on a command, a size of 2^63 or more, a size over
/// <see cref="Limit"/>, or a frame too large for a .NET array each throw
/// <see cref="ZmtpProtocolException"/> before any body memory is allocated. A body split across
/// reads grows with the bytes that have actually arrived (doubling), never to the declared size up
/// front: its array holds at most 64 KiB (one read buffer) or twice what has arrived, whichever is
/// larger, so a peer that announces 2 GiB and sends nothing costs at most one such array.</para>
/// <para>Direct reads: while a body is partly received, <see cref="ReserveBodyRoom"/> lends the rest of
/// its array so that the connection can receive into it without a copy, and
/// <see cref="CommitBodyRoom"/> counts what arrived there.</para>
/// </remarks>
internal sealed class FrameDecoder
{
    /// <summary>A body's array may always reach this far, however little of it has arrived.</summary>
    private const int MinimumCapacity = 64 * 1024;

    private readonly byte[] _header = new byte[FrameHeader.MaxSize];
    private int _headerFilled;
    private long _bodySize = -1;
    private byte[]? _body;
    private int _bodyFilled;

    /// <summary>The largest body accepted for the next frame, in bytes; -1 for no limit (the connection lowers it as a message grows).</summary>
    public long Limit { get; set; } = -1;

    /// <summary>True when a frame has started but not completed.</summary>
    public bool IsMidFrame => _headerFilled > 0;

    /// <summary>True when a body received through <see cref="CommitBodyRoom"/> is complete: the next <see cref="TryDecode"/> returns it, even with no input.</summary>
    public bool HasWholeBody => _bodySize > 0 && _bodyFilled == _bodySize;

    /// <summary>
    /// When the header of a frame of at least <paramref name="minimum"/> bytes has arrived and some
    /// of its body is still to come, the part of the body's array where the next of it goes (growing
    /// the array within the bounds above); an empty segment otherwise. The caller may receive into it and must
    /// then call <see cref="CommitBodyRoom"/> before the next <see cref="TryDecode"/>.
    /// </summary>
    public ArraySegment<byte> ReserveBodyRoom(int minimum)
    {
        if (_bodySize < minimum || _bodyFilled == _bodySize)
        {
            return default;
        }
        if (_body is null || _body.Length == _bodyFilled)
        {
            Grow(_bodyFilled + 1);
        }
        int end = (int)Math.Min(_body!.Length, _bodySize);
        return new ArraySegment<byte>(_body, _bodyFilled, end - _bodyFilled);
    }

    /// <summary>Counts <paramref name="count"/> bytes received into the segment from <see cref="ReserveBodyRoom"/> as part of the body.</summary>
    public void CommitBodyRoom(int count) => _bodyFilled += count;

    /// <summary>
    /// Decodes from <paramref name="input"/>, setting <paramref name="consumed"/> to the bytes used.
    /// Returns true with <paramref name="frame"/> when a frame completed; false when all the input
    /// was consumed without completing one.
    /// </summary>
    /// <exception cref="ZmtpProtocolException">The input is not valid ZMTP framing.</exception>
    public bool TryDecode(ReadOnlySpan<byte> input, out int consumed, out DecodedFrame frame)
    {
        consumed = 0;
        if (_bodySize < 0)
        {
            consumed = ReadHeader(input);
            if (_bodySize < 0)
            {
                frame = default;
                return false;
            }
            input = input[consumed..];
        }
        if (_bodyFilled == 0 && input.Length >= _bodySize)
        {
            // The whole body is here: hand it out without copying.
            int size = (int)_bodySize;
            frame = new DecodedFrame(TakeFlags(), input[..size], null);
            consumed += size;
            return true;
        }
        consumed += AppendBody(input);
        if (_bodyFilled < _bodySize)
        {
            frame = default;
            return false;
        }
        byte[] body = _body!;
        int length = _bodyFilled;
        _body = null;
        _bodyFilled = 0;
        frame = new DecodedFrame(TakeFlags(), body.AsSpan(0, length), body);
        return true;
    }

    /// <summary>Gives back a half-assembled body (the connection is closing).</summary>
    public void Reset()
    {
        if (_body is not null)
        {
            BufferPool.Return(_body);
            _body = null;
        }
        _bodyFilled = 0;
        _headerFilled = 0;
        _bodySize = -1;
    }

    private int ReadHeader(ReadOnlySpan<byte> input)
    {
        int used = 0;
        while (used < input.Length)
        {
            _header[_headerFilled++] = input[used++];
            if (_headerFilled == 1)
            {
                CheckFlags((FrameFlags)_header[0]);
            }
            int needed = ((FrameFlags)_header[0] & FrameFlags.Long) != 0 ? 9 : 2;
            if (_headerFilled == needed)
            {
                _bodySize = needed == 2 ? _header[1] : CheckLongSize(BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(1)));
                CheckLimit(_bodySize);
                return used;
            }
        }
        return used;
    }

    private int AppendBody(ReadOnlySpan<byte> input)
    {
        int wanted = (int)(_bodySize - _bodyFilled);
        int take = Math.Min(wanted, input.Length);
        int needed = _bodyFilled + take;
        if (_body is null || _body.Length < needed)
        {
            Grow(needed);
        }
        input[..take].CopyTo(_body.AsSpan(_bodyFilled));
        _bodyFilled += take;
        return take;
    }

    private void Grow(int needed)
    {
        long target = Math.Max(needed, Math.Max(2L * _bodyFilled, MinimumCapacity));
        int capacity = (int)Math.Min(target, _bodySize);
        byte[] bigger = BufferPool.Rent(Math.Max(capacity, 1));
        if (_body is not null)
        {
            _body.AsSpan(0, _bodyFilled).CopyTo(bigger);
            BufferPool.Return(_body);
        }
        _body = bigger;
    }

    private FrameFlags TakeFlags()
    {
        var flags = (FrameFlags)_header[0];
        _headerFilled = 0;
        _bodySize = -1;
        return flags & ~FrameFlags.Long;
    }

    private static void CheckFlags(FrameFlags flags)
    {
        if ((flags & FrameFlags.Reserved) != 0)
        {
            throw new ZmtpProtocolException($"malformed frame: reserved flag bits set (flags 0x{(byte)flags:X2})");
        }
        if ((flags & FrameFlags.Command) != 0 && (flags & FrameFlags.More) != 0)
        {
            throw new ZmtpProtocolException("malformed frame: a command frame has the MORE flag");
        }
    }

    private static long CheckLongSize(ulong size)
    {
        if (size > long.MaxValue)
        {
            throw new ZmtpProtocolException($"malformed frame: size {size} is over 2^63-1");
        }
        if (size > (ulong)Array.MaxLength)
        {
            throw new ZmtpProtocolException($"frame of {size} bytes is larger than this implementation accepts ({Array.MaxLength} bytes)");
        }
        return (long)size;
    }

    private void CheckLimit(long size)
    {
        if (Limit >= 0 && size > Limit)
        {
            throw new ZmtpProtocolException($"frame of {size} bytes exceeds the maximum message size (ZMQ_MAXMSGSIZE); {Limit} bytes allowed");
        }
    }
}

using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Zmq.Pipes;

namespace Zmq;

/// <summary>
/// A ZeroMQ message: one or more frames that are sent and received whole.
/// </summary>
/// <remarks>
/// <para>Frames are <see cref="ReadOnlyMemory{T}"/>. <see cref="Add(ReadOnlySpan{byte})"/> and
/// <see cref="Add(string)"/> copy the bytes into buffers the message owns (small frames share one
/// inline buffer, larger ones come from a buffer pool); <see cref="AddFrame"/> reserves such a
/// buffer for the caller to fill; <see cref="Add(ReadOnlyMemory{byte})"/> keeps a reference to the
/// caller's array without copying (memory not backed by an array is copied), so that memory must
/// not change until the message has been sent.</para>
/// <para>Sending a message moves its frames to the socket and leaves it empty, ready to be
/// filled again. A received message owns its buffers until it is cleared, reused for another
/// receive or disposed: a frame obtained from it must not be used after that.</para>
/// <para>A message is not thread-safe; sockets are.</para>
/// </remarks>
public sealed class Message : IDisposable, IEnumerable<ReadOnlyMemory<byte>>
{
    /// <summary>Frames up to this many bytes in total are stored in one inline buffer per message.</summary>
    internal const int InlineCapacity = 256;

    private Slot[] _slots;
    private int _start;
    private int _count;
    private byte[]? _inline;
    private int _inlineUsed;

    /// <summary>Creates an empty message.</summary>
    public Message()
    {
        _slots = [];
    }

    /// <summary>Creates a message with one UTF-8 frame per string.</summary>
    public Message(params ReadOnlySpan<string> frames)
        : this()
    {
        foreach (string frame in frames)
        {
            Add(frame);
        }
    }

    /// <summary>The number of frames.</summary>
    public int Count => _count;

    /// <summary>True when the message has no frames.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The sum of the frame lengths in bytes.</summary>
    public long TotalLength
    {
        get
        {
            long total = 0;
            for (int i = 0; i < _count; i++)
            {
                total += _slots[_start + i].Length;
            }
            return total;
        }
    }

    /// <summary>The frame at <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"the message has {_count} frame(s)");
            }
            ref Slot slot = ref _slots[_start + index];
            return new ReadOnlyMemory<byte>(slot.Array, slot.Offset, slot.Length);
        }
    }

    /// <summary>Appends a copy of <paramref name="frame"/>.</summary>
    public Message Add(ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(AllocateFrame(frame.Length));
        return this;
    }

    /// <summary>Appends <paramref name="frame"/> without copying it; the memory must stay unchanged until the message is sent.</summary>
    public Message Add(ReadOnlyMemory<byte> frame)
    {
        if (MemoryMarshal.TryGetArray(frame, out ArraySegment<byte> segment))
        {
            Append(segment.Array, segment.Offset, segment.Count, pooled: false);
        }
        else
        {
            Add(frame.Span);
        }
        return this;
    }

    /// <summary>
    /// Appends a frame of <paramref name="length"/> bytes and returns it for the caller to fill in
    /// place (no copy; like libzmq's <c>zmq_msg_init_size</c>). Its contents are undefined until
    /// written, and the span must not be used after the message is sent, cleared or disposed.
    /// </summary>
    public Span<byte> AddFrame(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return AllocateFrame(length);
    }

    /// <summary>Appends the UTF-8 encoding of <paramref name="text"/>.</summary>
    public Message Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, AllocateFrame(length));
        return this;
    }

    /// <summary>Decodes the frame at <paramref name="index"/> as UTF-8.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(this[index].Span);

    /// <summary>Removes every frame and gives pooled buffers back.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            ref Slot slot = ref _slots[_start + i];
            if (slot.Pooled)
            {
                BufferPool.Return(slot.Array!);
            }
            slot = default;
        }
        _start = 0;
        _count = 0;
        _inlineUsed = 0;
        IsSubscription = false;
    }

    /// <summary>Same as <see cref="Clear"/>: gives pooled buffers back. The message may be reused afterwards.</summary>
    public void Dispose() => Clear();

    /// <summary>Enumerates the frames.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<ReadOnlyMemory<byte>> IEnumerable<ReadOnlyMemory<byte>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A short description of the frames, for diagnostics.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Message[");
        for (int i = 0; i < _count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(this[i].Length).Append('B');
        }
        return text.Append(']').ToString();
    }

    /// <summary>The length of frame <paramref name="index"/> (no range message: for the library's own loops).</summary>
    internal int FrameLength(int index) => _slots[_start + index].Length;

    /// <summary>The bytes of frame <paramref name="index"/> (no range message: for the library's own loops).</summary>
    internal ReadOnlySpan<byte> FrameSpan(int index)
    {
        ref Slot slot = ref _slots[_start + index];
        return new ReadOnlySpan<byte>(slot.Array, slot.Offset, slot.Length);
    }

    /// <summary>Reserves a new last frame of <paramref name="length"/> bytes and returns it for the caller to fill.</summary>
    internal Span<byte> AllocateFrame(int length)
    {
        if (length == 0)
        {
            Append(null, 0, 0, pooled: false);
            return default;
        }
        if (length <= InlineCapacity - _inlineUsed)
        {
            byte[] inline = _inline ??= new byte[InlineCapacity];
            int offset = _inlineUsed;
            _inlineUsed += length;
            Append(inline, offset, length, pooled: false);
            return new Span<byte>(inline, offset, length);
        }
        byte[] rented = BufferPool.Rent(length);
        Append(rented, 0, length, pooled: true);
        return new Span<byte>(rented, 0, length);
    }

    /// <summary>Appends a frame whose buffer came from <see cref="BufferPool.Rent"/>; the message takes ownership.</summary>
    internal void AddRented(byte[] rented, int length) =>
        Append(rented, 0, length, pooled: true);

    /// <summary>Inserts a copy of <paramref name="frame"/> before the first frame.</summary>
    internal void PushFront(ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(AllocateFrame(frame.Length));
        Slot added = _slots[_start + _count - 1];
        Array.Copy(_slots, _start, _slots, _start + 1, _count - 1);
        _slots[_start] = added;
    }

    /// <summary>Removes the first frame, giving its buffer back if it was pooled.</summary>
    internal void RemoveFirst()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("the message has no frames");
        }
        ref Slot slot = ref _slots[_start];
        if (slot.Pooled)
        {
            BufferPool.Return(slot.Array!);
        }
        slot = default;
        _start++;
        _count--;
        if (_count == 0)
        {
            _start = 0;
            _inlineUsed = 0;
        }
    }

    /// <summary>Exchanges the whole contents (frames and buffers) of this message and <paramref name="other"/>.</summary>
    internal void SwapContents(Message other)
    {
        (_slots, other._slots) = (other._slots, _slots);
        (_start, other._start) = (other._start, _start);
        (_count, other._count) = (other._count, _count);
        (_inline, other._inline) = (other._inline, _inline);
        (_inlineUsed, other._inlineUsed) = (other._inlineUsed, _inlineUsed);
        (IsSubscription, other.IsSubscription) = (other.IsSubscription, IsSubscription);
    }

    /// <summary>
    /// True for a subscription change made by a SUB or XSUB socket (<c>\x01topic</c> or
    /// <c>\x00topic</c>): a connection sends it as a SUBSCRIBE or CANCEL command to ZMTP 3.1
    /// peers and as this message to ZMTP 3.0 peers.
    /// </summary>
    internal bool IsSubscription { get; set; }

    /// <summary>Appends copies of every frame of <paramref name="source"/> (for sending one message to several peers).</summary>
    internal void AppendCopyOf(Message source)
    {
        for (int i = 0; i < source.Count; i++)
        {
            Add(source[i].Span);
        }
        IsSubscription = source.IsSubscription;
    }

    /// <summary>
    /// Adds a frame at the end. The slot's fields are written in place: a <see cref="Slot"/> passed
    /// by value went through the stack, and reading it back as 8-byte words right after its 4-byte
    /// fields were stored stalled the copy (store forwarding).
    /// </summary>
    private void Append(byte[]? array, int offset, int length, bool pooled)
    {
        int end = _start + _count;
        if (end == _slots.Length)
        {
            end = MakeRoom();
        }
        ref Slot slot = ref _slots[end];
        slot.Array = array;
        slot.Offset = offset;
        slot.Length = length;
        slot.Pooled = pooled;
        _count++;
    }

    /// <summary>Makes room for one more slot at the end (moving the frames to the front, or growing); returns its index.</summary>
    private int MakeRoom()
    {
        if (_start > 0)
        {
            Array.Copy(_slots, _start, _slots, 0, _count);
            Array.Clear(_slots, _count, _start);
            _start = 0;
        }
        else
        {
            Array.Resize(ref _slots, Math.Max(4, _slots.Length * 2));
        }
        return _count;
    }

    /// <summary>One frame: its bytes in <see cref="Array"/> (null for an empty frame), and whether that array is pooled and ours to give back.</summary>
    private struct Slot
    {
        public byte[]? Array;
        public int Offset;
        public int Length;
        public bool Pooled;
    }

    /// <summary>Enumerates the frames of a message without allocating.</summary>
    public struct Enumerator : IEnumerator<ReadOnlyMemory<byte>>
    {
        private readonly Message _message;
        private int _index;

        internal Enumerator(Message message)
        {
            _message = message;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly ReadOnlyMemory<byte> Current => _message[_index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < _message.Count;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}

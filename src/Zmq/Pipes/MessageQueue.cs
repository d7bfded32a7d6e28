using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zmq.Pipes;

/// <summary>What <see cref="MessageQueue.TryWrite"/> did with a message.</summary>
internal enum WriteResult
{
    /// <summary>Queued; call <see cref="MessageQueue.Flush"/> to make it visible.</summary>
    Written,
    /// <summary>The queue holds its capacity (the high-water mark); nothing was queued.</summary>
    Full,
    /// <summary>The reader has gone; nothing was queued and nothing ever will be.</summary>
    Closed,
}

/// <summary>
/// A one-way queue of whole messages between exactly one writer and one reader, bounded by a
/// high-water mark, with no lock on the message path.
/// </summary>
/// <remarks>
/// <para>Contract: at any moment one thread at most acts as the writer (<see cref="TryWrite"/>,
/// <see cref="Flush"/>, <see cref="TryParkWriter"/>, <see cref="CompleteWriter"/>) and one thread
/// at most as the reader (<see cref="TryRead"/>, <see cref="TryParkReader"/>,
/// <see cref="CloseReader"/>); a socket guarantees this with its lock, a connection with its single
/// loop. Neither side ever blocks here: a side that cannot progress parks, and the other side
/// calls its <see cref="IQueueSignal"/> exactly once when it can.</para>
/// <para>Invariants: <c>Published</c> ≤ <c>Written</c> (writer-private count); <c>Consumed</c>
/// ≤ <c>Read</c> (reader-private count) ≤ <c>Published</c>. The writer sees the queue as full
/// when <c>Written − Consumed ≥ capacity</c>; the reader publishes <c>Consumed</c> every
/// <see cref="CreditBatch"/> reads, after any read that finds the writer parked, and whenever it
/// finds the queue empty, so a parked writer is woken by the first read after it parked (or the
/// one after, if the two raced). Items live in fixed chunks; the reader hands spent chunks back for reuse, so a
/// steady flow allocates nothing.</para>
/// <para>Publishing: the writer's flush and the reader's park form a store-then-load handshake on
/// both sides, which needs a full fence on each. Fenced, the writer pays with an atomic exchange
/// per flush; unfenced, it stores plainly and the reader pays with a process-wide barrier at each
/// park. The reader chooses as it parks: unfenced after a long run of reads (streaming), fenced
/// after a short one (request-reply); docs/PERFORMANCE.md has the measurements.</para>
/// <para>A conflating queue (ZMQ_CONFLATE) keeps only the newest message: a write replaces an
/// unread message instead of queuing behind it, and the queue is never full.</para>
/// </remarks>
internal sealed class MessageQueue
{
    private const int ChunkSize = 128;

    /// <summary>How many times a streaming reader about to park checks for the next message (see <see cref="AwaitPublished"/>).</summary>
    private const int ParkSpinChecks = 64;

    /// <summary>Spin iterations between two of those checks (a few microseconds in all).</summary>
    private const int ParkSpinIterations = 4;

    /// <summary>Spinning only helps when another processor can run the writer meanwhile.</summary>
    private static readonly bool SpinningHelps = Environment.ProcessorCount > 1;

    private const int CreditBatch = 32;
    private const int SpareChunks = 16;

    /// <summary>A reader that reads at least this many messages between parks is being streamed to (see <see cref="Counters.FenceEpoch"/>).</summary>
    private const int StreamingReads = 256;

    /// <summary>
    /// Single frames up to this many bytes are stored in the queue slot itself. A slot is then 272
    /// bytes, about what libzmq spends on a 256-byte message (a 64-byte msg_t and its buffer);
    /// copying a frame this size costs less than handing a pooled object between threads
    /// (docs/PERFORMANCE.md: tcp at 256 bytes went from 0.86x to 1.47x of libzmq). Chunks are
    /// allocated on first use, so an idle queue pays nothing.
    /// </summary>
    public const int InlineLimit = 256;

    // Null until the first write, so an idle queue costs little.
    private Chunk? _tail;
    private Chunk? _head;
    // The items of _tail and _head, so that the message path never reads a Chunk object: the reader
    // and the writer would both touch its cache line, which it shares with whatever was allocated
    // next to it (the writer's own message, say).
    private Entry[]? _tailItems;
    private Entry[]? _headItems;
    private Chunk?[]? _spares;
    private Counters _c;
    private IQueueSignal _readerSignal = NoSignal.Instance;
    private IQueueSignal _writerSignal = NoSignal.Instance;
    private readonly bool _conflate;
    private readonly bool _spinsBeforeParking;
    private Message? _latest;

    /// <summary>
    /// Creates a queue holding at most <paramref name="capacity"/> messages (0 = unbounded), or only
    /// the newest one when <paramref name="conflate"/>. With <paramref name="spinsBeforeParking"/>, a
    /// streaming reader watches for the next message a few microseconds before it parks (for
    /// queues between two application threads; see <see cref="TryParkReader"/>).
    /// </summary>
    public MessageQueue(long capacity, bool conflate = false, bool spinsBeforeParking = false)
    {
        SetCapacity(capacity);
        _conflate = conflate;
        _spinsBeforeParking = spinsBeforeParking;
        // Fenced publishing to begin with, acknowledged: no unfenced flush has happened yet.
        _c.FenceEpoch = 1;
        _c.AckedEpoch = 1;
    }

    /// <summary>Messages written and not yet read (approximate when read from the writer side: reads are credited in batches).</summary>
    public long Count => _conflate
        ? (Volatile.Read(ref _latest) is null ? 0 : 1)
        : Volatile.Read(ref _c.Written) - Volatile.Read(ref _c.Consumed);

    /// <summary>True when the writer completed and the reader has read everything.</summary>
    public bool IsCompleted => Volatile.Read(ref _c.WriterCompleted) != 0 && !HasUnread;

    private bool HasUnread => _conflate ? Volatile.Read(ref _latest) is not null : Volatile.Read(ref _c.Published) != _c.Read;

    /// <summary>True while the reader has asked the writer to publish without a fence (it is being streamed to; see <c>ChoosePublishing</c>).</summary>
    public bool PublishesUnfenced => (Volatile.Read(ref _c.FenceEpoch) & 1) == 0;

    /// <summary>Writer: true when a write would report <see cref="WriteResult.Full"/>.</summary>
    public bool IsFull
    {
        get
        {
            long capacity = Volatile.Read(ref _c.Capacity);
            return !_conflate && capacity > 0 && IsAtCapacity(capacity);
        }
    }

    /// <summary>True when the reader has gone (seen from the writer).</summary>
    public bool IsReaderClosed => Volatile.Read(ref _c.ReaderClosed) != 0;

    /// <summary>Changes the high-water mark (0 = unbounded).</summary>
    public void SetCapacity(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Volatile.Write(ref _c.Capacity, capacity);
    }

    /// <summary>Sets who is woken when the parked reader can progress. Set before the reader first parks.</summary>
    public void SetReaderSignal(IQueueSignal signal) => _readerSignal = signal;

    /// <summary>Sets who is woken when the parked writer can progress. Set before the writer first parks.</summary>
    public void SetWriterSignal(IQueueSignal signal) => _writerSignal = signal;

    /// <summary>
    /// Writer: takes the frames of <paramref name="message"/> unless the queue is full (ignored when
    /// <paramref name="ignoreCapacity"/>, for subscriptions and notifications, which must not be
    /// lost) or the reader has gone. On <see cref="WriteResult.Written"/> the message is left empty
    /// (its frames were copied into the queue's slot, or moved into a pooled holder) and the caller
    /// keeps the object; otherwise it is unchanged.
    /// </summary>
    public WriteResult TryWrite(Message message, bool ignoreCapacity = false) => Write(message, ignoreCapacity, consume: true);

    /// <summary>Writer: like <see cref="TryWrite"/>, but leaves <paramref name="message"/> as it is (queues a copy).</summary>
    public WriteResult TryWriteCopy(Message message, bool ignoreCapacity = false) => Write(message, ignoreCapacity, consume: false);

    /// <summary>
    /// Writer: queues a copy of <paramref name="frame"/> (at most <see cref="InlineLimit"/> bytes) as a
    /// one-frame message, with the results of <see cref="TryWrite"/>. A connection decodes small
    /// messages straight from its read buffer with this, without assembling a <see cref="Message"/>.
    /// </summary>
    public WriteResult TryWriteFrame(ReadOnlySpan<byte> frame)
    {
        WriteResult admitted = Admit(ignoreCapacity: false);
        if (admitted != WriteResult.Written)
        {
            return admitted;
        }
        if (_conflate)
        {
            Message held = MessagePool.Rent();
            frame.CopyTo(held.AllocateFrame(frame.Length));
            Conflate(held);
            return WriteResult.Written;
        }
        StoreInline(ref NextEntry(), frame, isSubscription: false);
        Commit();
        return WriteResult.Written;
    }

    private WriteResult Write(Message message, bool ignoreCapacity, bool consume)
    {
        WriteResult admitted = Admit(ignoreCapacity);
        if (admitted != WriteResult.Written)
        {
            return admitted;
        }
        if (_conflate)
        {
            Conflate(Hold(message, consume));
            return WriteResult.Written;
        }
        ref Entry entry = ref NextEntry();
        if (message.Count == 1 && message.FrameLength(0) <= InlineLimit)
        {
            // A small single frame travels by value: no object crosses threads.
            StoreInline(ref entry, message.FrameSpan(0), message.IsSubscription);
            if (consume)
            {
                message.Clear();
            }
        }
        else
        {
            entry.Held = Hold(message, consume);
        }
        Commit();
        return WriteResult.Written;
    }

    /// <summary>Writer: <see cref="WriteResult.Written"/> when a message may be queued now, otherwise why not.</summary>
    private WriteResult Admit(bool ignoreCapacity)
    {
        if (Volatile.Read(ref _c.ReaderClosed) != 0)
        {
            return WriteResult.Closed;
        }
        long capacity = Volatile.Read(ref _c.Capacity);
        bool full = !_conflate && !ignoreCapacity && capacity > 0 && IsAtCapacity(capacity);
        return full ? WriteResult.Full : WriteResult.Written;
    }

    /// <summary>
    /// Writer: true when <paramref name="capacity"/> messages are unread. The reader's credit is read
    /// only when the last one seen says the queue is full, so that a writer with room does not fetch
    /// the reader's cache line on every write.
    /// </summary>
    private bool IsAtCapacity(long capacity)
    {
        if (_c.Written - _c.ConsumedSeen < capacity)
        {
            return false;
        }
        _c.ConsumedSeen = Volatile.Read(ref _c.Consumed);
        return _c.Written - _c.ConsumedSeen >= capacity;
    }

    /// <summary>Writer, conflating queue: <paramref name="held"/> replaces any unread message.</summary>
    private void Conflate(Message held)
    {
        if (Interlocked.Exchange(ref _latest, held) is { } replaced)
        {
            MessagePool.Return(replaced);
        }
        Volatile.Write(ref _c.Written, _c.Written + 1);
    }

    /// <summary>Writer: the slot the next message goes into (the queue's first chunk is made here).</summary>
    private ref Entry NextEntry() => ref (_tailItems ?? FirstChunk())[_c.TailIndex];

    private static void StoreInline(ref Entry entry, ReadOnlySpan<byte> frame, bool isSubscription)
    {
        frame.CopyTo(entry.Inline);
        entry.Length = frame.Length;
        entry.IsSubscription = isSubscription;
        entry.Held = null;
    }

    /// <summary>Writer: moves past the slot just filled (to a new chunk after the last) and counts the message.</summary>
    private void Commit()
    {
        if (++_c.TailIndex == ChunkSize)
        {
            Chunk next = TakeSpareChunk() ?? new Chunk();
            _tail!.Next = next;
            _tail = next;
            _tailItems = next.Items;
            _c.TailIndex = 0;
        }
        Volatile.Write(ref _c.Written, _c.Written + 1);
    }

    /// <summary>A pooled message holding <paramref name="message"/>'s frames: moved (the source left empty) or copied.</summary>
    private static Message Hold(Message message, bool consume)
    {
        if (!consume)
        {
            return MessagePool.RentCopyOf(message);
        }
        Message held = MessagePool.Rent();
        held.SwapContents(message);
        return held;
    }

    /// <summary>Writer: makes every written message visible to the reader, waking it if it parked.</summary>
    public void Flush()
    {
        if (_c.PublishedByWriter == _c.Written)
        {
            return;
        }
        _c.PublishedByWriter = _c.Written;
        long epoch = Volatile.Read(ref _c.FenceEpoch);
        if ((epoch & 1) != 0)
        {
            Interlocked.Exchange(ref _c.Published, _c.Written);
            if (_c.AckedEpoch != epoch)
            {
                // After the fenced store: every unfenced flush of ours precedes this in program order.
                Volatile.Write(ref _c.AckedEpoch, epoch);
            }
        }
        else
        {
            // Ordered against the read of ReaderParked below by the reader's process-wide barrier.
            Volatile.Write(ref _c.Published, _c.Written);
        }
        WakeReaderIfParked();
    }

    /// <summary>Writer: no more messages will come. The reader drains what is queued, then sees <see cref="IsCompleted"/>.</summary>
    public void CompleteWriter()
    {
        Flush();
        Interlocked.Exchange(ref _c.WriterCompleted, 1);
        WakeReaderIfParked();
    }

    /// <summary>
    /// Writer, after <see cref="TryWrite"/> returned <see cref="WriteResult.Full"/>: registers for a
    /// wake-up. Returns false if space (or a closed reader) appeared meanwhile, in which case the
    /// caller retries at once instead of waiting.
    /// </summary>
    public bool TryParkWriter()
    {
        Interlocked.Exchange(ref _c.WriterParked, 1);
        long capacity = Volatile.Read(ref _c.Capacity);
        bool canProgress = Volatile.Read(ref _c.ReaderClosed) != 0
            || capacity == 0
            || _c.Written - Volatile.Read(ref _c.Consumed) < capacity;
        if (!canProgress)
        {
            return true;
        }
        // Unpark ourselves, unless the reader already claimed the wake (then it will notify).
        return Interlocked.Exchange(ref _c.WriterParked, 0) == 0;
    }

    /// <summary>Reader: moves the oldest visible message into <paramref name="target"/>, which must be empty.</summary>
    public bool TryRead(Message target)
    {
        if (_conflate)
        {
            if (Interlocked.Exchange(ref _latest, null) is not { } latest)
            {
                return false;
            }
            Release(latest, target);
            return true;
        }
        if (_c.Read == _c.Visible)
        {
            _c.Visible = Volatile.Read(ref _c.Published);
            if (_c.Read == _c.Visible)
            {
                PublishCredit();
                return false;
            }
        }
        // The slot is not cleared: the writer overwrites it later, and clearing it would write to a
        // cache line the writer may be using. A held message is pooled, so a stale reference is harmless.
        ref Entry entry = ref _headItems![_c.HeadIndex];
        if (entry.Held is { } held)
        {
            Release(held, target);
        }
        else
        {
            ((ReadOnlySpan<byte>)entry.Inline)[..entry.Length].CopyTo(target.AllocateFrame(entry.Length));
            target.IsSubscription = entry.IsSubscription;
        }
        if (++_c.HeadIndex == ChunkSize)
        {
            Chunk spent = _head!;
            _head = spent.Next!;
            _headItems = _head.Items;
            _c.HeadIndex = 0;
            spent.Next = null;
            GiveSpareChunk(spent);
        }
        _c.Read++;
        if (++_c.SinceCredit >= CreditBatch || Volatile.Read(ref _c.WriterParked) != 0)
        {
            PublishCredit();
        }
        return true;
    }

    private static void Release(Message held, Message target)
    {
        target.SwapContents(held);
        MessagePool.Return(held);
    }

    /// <summary>
    /// Reader, after <see cref="TryRead"/> returned false: registers for a wake-up when data
    /// arrives or the writer completes. Returns false if something arrived meanwhile, in which case
    /// the caller reads again instead of waiting. With <paramref name="mayAwaitNext"/>, a queue made
    /// with spinning on first watches a few microseconds for the next message, when it has been
    /// read since the last park (the caller holds the socket lock meanwhile, so it passes true only
    /// when it has no other queue to look at).
    /// </summary>
    public bool TryParkReader(bool mayAwaitNext = false)
    {
        if (mayAwaitNext && _c.Read != _c.ReadAtPark && AwaitPublished())
        {
            return false;
        }
        PublishCredit();
        ChoosePublishing();
        Interlocked.Exchange(ref _c.ReaderParked, 1);
        long epoch = _c.FenceEpoch;
        if ((epoch & 1) == 0 || Volatile.Read(ref _c.AckedEpoch) != epoch)
        {
            // The writer may publish without a fence: make every thread of the process pass a full
            // barrier, so that either its last Published store is visible below or its next read of
            // ReaderParked sees the flag set above.
            Interlocked.MemoryBarrierProcessWide();
        }
        bool canProgress = HasUnread || Volatile.Read(ref _c.WriterCompleted) != 0;
        if (!canProgress)
        {
            return true;
        }
        return Interlocked.Exchange(ref _c.ReaderParked, 0) == 0;
    }

    /// <summary>
    /// Reader, streaming and about to park: watches for the writer's next publish for a few
    /// microseconds, and reports whether one came (or the writer completed). A reader that keeps
    /// catching up with its writer would otherwise park after nearly every message, and the
    /// writer, finding it parked, would pay for a wake-up each time: on two cores the pair can lock
    /// into that mode at a fifth of its usual rate. Only queues made with spinning on, and only
    /// with more than one processor to run the writer meanwhile.
    /// </summary>
    private bool AwaitPublished()
    {
        if (!_spinsBeforeParking || !SpinningHelps)
        {
            return false;
        }
        for (int i = 0; i < ParkSpinChecks; i++)
        {
            Thread.SpinWait(ParkSpinIterations);
            if (Volatile.Read(ref _c.Published) != _c.Read || Volatile.Read(ref _c.WriterCompleted) != 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Reader, about to park: asks the writer for unfenced publishing after a long run of reads
    /// (streaming, where parks are rare and a fence per message is the writer's largest cost), and
    /// for fenced publishing after a short one (request-reply, where the reader parks for every
    /// message and a process-wide barrier at each park would cost more than it saves).
    /// </summary>
    private void ChoosePublishing()
    {
        bool streaming = _c.Read - _c.ReadAtPark >= StreamingReads;
        _c.ReadAtPark = _c.Read;
        bool fenced = (_c.FenceEpoch & 1) != 0;
        if (streaming == fenced)
        {
            Volatile.Write(ref _c.FenceEpoch, _c.FenceEpoch + 1);
        }
    }

    /// <summary>Reader: will never read again. The writer's next write fails with <see cref="WriteResult.Closed"/>; queued messages are dropped.</summary>
    public void CloseReader()
    {
        Interlocked.Exchange(ref _c.ReaderClosed, 1);
        if (Interlocked.Exchange(ref _c.WriterParked, 0) == 1)
        {
            _writerSignal.Notify();
        }
    }

    /// <summary>Writer: the first chunk's items, made on the first write; the reader sees them only after that write is published.</summary>
    private Entry[] FirstChunk()
    {
        var first = new Chunk();
        _head = first;
        _tail = first;
        _headItems = first.Items;
        _tailItems = first.Items;
        return first.Items;
    }

    /// <summary>
    /// Reader: keeps a spent chunk for the writer to reuse. The spares form a ring with the reader as
    /// its only producer and the writer as its only consumer; when it is full the chunk is dropped.
    /// The writer can be up to capacity/<see cref="ChunkSize"/> chunks ahead, so one spare is not enough.
    /// </summary>
    private void GiveSpareChunk(Chunk spent)
    {
        long given = _c.SparesGiven;
        if (given - Volatile.Read(ref _c.SparesTaken) < SpareChunks)
        {
            (_spares ??= new Chunk?[SpareChunks])[given % SpareChunks] = spent;
            Volatile.Write(ref _c.SparesGiven, given + 1);
        }
    }

    /// <summary>Writer: a spent chunk to reuse, or null.</summary>
    private Chunk? TakeSpareChunk()
    {
        long taken = _c.SparesTaken;
        if (taken == Volatile.Read(ref _c.SparesGiven))
        {
            return null;
        }
        Chunk spare = _spares![taken % SpareChunks]!;
        Volatile.Write(ref _c.SparesTaken, taken + 1);
        return spare;
    }

    private void PublishCredit()
    {
        _c.SinceCredit = 0;
        if (Volatile.Read(ref _c.Consumed) == _c.Read)
        {
            if (Volatile.Read(ref _c.WriterParked) == 0)
            {
                return;
            }
        }
        else
        {
            Interlocked.Exchange(ref _c.Consumed, _c.Read);
        }
        if (Volatile.Read(ref _c.WriterParked) != 0 && Interlocked.Exchange(ref _c.WriterParked, 0) == 1)
        {
            _writerSignal.Notify();
        }
    }

    private void WakeReaderIfParked()
    {
        if (Volatile.Read(ref _c.ReaderParked) != 0 && Interlocked.Exchange(ref _c.ReaderParked, 0) == 1)
        {
            _readerSignal.Notify();
        }
    }

    /// <summary>
    /// The counters and flags, one cache line per owner so that the writer's and the reader's
    /// private counters never share a line (false sharing), and each shared value sits on a line
    /// written by one side only.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 6 * Group)]
    private struct Counters
    {
        // Objects are only 8-byte aligned, so the struct starts anywhere within a cache line: groups
        // 128 bytes apart, each using at most its first 64, never share a line.
        private const int Group = 128;

        // Writer-private.
        [FieldOffset(1 * Group)] public long Written;
        [FieldOffset(1 * Group + 8)] public long PublishedByWriter;
        [FieldOffset(1 * Group + 16)] public int TailIndex;
        [FieldOffset(1 * Group + 24)] public long SparesTaken;
        [FieldOffset(1 * Group + 32)] public long ConsumedSeen;

        // Reader-private.
        [FieldOffset(2 * Group)] public long Read;
        [FieldOffset(2 * Group + 8)] public long Visible;
        [FieldOffset(2 * Group + 16)] public int HeadIndex;
        [FieldOffset(2 * Group + 20)] public int SinceCredit;
        [FieldOffset(2 * Group + 24)] public long SparesGiven;
        [FieldOffset(2 * Group + 32)] public long ReadAtPark;

        // Written by the writer on every flush; the reader writes the flag only when it parks.
        [FieldOffset(3 * Group)] public long Published;
        [FieldOffset(3 * Group + 8)] public int ReaderParked;
        [FieldOffset(3 * Group + 16)] public long AckedEpoch;

        // Written by the reader every few reads; the writer writes the flag only when it parks.
        [FieldOffset(4 * Group)] public long Consumed;
        [FieldOffset(4 * Group + 8)] public int WriterParked;

        // Rarely written. FenceEpoch is the reader's choice of how the writer publishes: odd for
        // fenced (an atomic exchange per flush, so a parking reader needs no barrier), even for
        // unfenced (a plain store, and every park costs the reader a process-wide barrier). The writer
        // acknowledges an odd epoch in AckedEpoch after its first fenced flush under it; until then
        // the reader keeps paying for the barrier.
        [FieldOffset(5 * Group)] public long Capacity;
        [FieldOffset(5 * Group + 8)] public int WriterCompleted;
        [FieldOffset(5 * Group + 12)] public int ReaderClosed;
        [FieldOffset(5 * Group + 16)] public long FenceEpoch;
    }

    /// <summary>One queued message: a small single frame by value, or a pooled holder of the frames.</summary>
    private struct Entry
    {
        public Message? Held;
        public int Length;
        public bool IsSubscription;
        public InlineFrame Inline;
    }

    /// <summary>Room for a small frame inside a queue slot.</summary>
    [InlineArray(InlineLimit)]
    private struct InlineFrame
    {
        private byte _first;
    }

    private sealed class Chunk
    {
        public readonly Entry[] Items = new Entry[ChunkSize];
        public Chunk? Next;
    }

    private sealed class NoSignal : IQueueSignal
    {
        public static readonly NoSignal Instance = new();

        public void Notify()
        {
        }
    }
}

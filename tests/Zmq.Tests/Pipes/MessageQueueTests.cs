using Zmq.Pipes;

namespace Zmq.Tests.Pipes;

public sealed class MessageQueueTests
{
    private sealed class CountingSignal : IQueueSignal
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Notify() => Interlocked.Increment(ref _count);
    }

    private static Message Numbered(int i) => new Message().Add(i.ToString());

    /// <summary>Gives <paramref name="queue"/> a counting reader signal, and one message that the reader reads; the queue is then empty.</summary>
    private static MessageQueue ReaderCaughtUp(MessageQueue queue, out CountingSignal reader)
    {
        reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        queue.TryWrite(Numbered(1));
        queue.Flush();
        Assert.True(queue.TryRead(new Message()));
        Assert.False(queue.TryRead(new Message()));
        return queue;
    }

    [Fact]
    public void TryRead_BeforeFlush_SeesNothing()
    {
        var queue = new MessageQueue(0);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(1)));

        Assert.False(queue.TryRead(new Message()));
        queue.Flush();
        var message = new Message();
        Assert.True(queue.TryRead(message));
        Assert.Equal("1", message.GetString(0));
    }

    [Fact]
    public void TryWrite_AtCapacity_ReportsFullUntilTheReaderCatchesUp()
    {
        var queue = new MessageQueue(3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(i)));
        }
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(3)));
        queue.Flush();

        for (int i = 0; i < 3; i++)
        {
            Assert.True(queue.TryRead(new Message()));
        }
        Assert.False(queue.TryRead(new Message()));

        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(3)));
    }

    [Fact]
    public void SetCapacity_RaisedWhileFullThenLowered_AdmitsExactlyTheNewRoom()
    {
        var queue = new MessageQueue(2);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(0)));
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(1)));
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(2)));

        queue.SetCapacity(4);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(2)));
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(3)));
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(4)));

        queue.SetCapacity(1);
        queue.Flush();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(queue.TryRead(new Message()));
        }
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(4))); // one unread, and room for one
        Assert.True(queue.TryRead(new Message()));
        Assert.False(queue.TryRead(new Message())); // an empty queue hands its credit back
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(4)));
    }

    [Fact]
    public void Flush_ReaderParked_NotifiesItOnce()
    {
        var queue = new MessageQueue(0);
        var reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        Assert.False(queue.TryRead(new Message()));
        Assert.True(queue.TryParkReader());

        queue.TryWrite(Numbered(1));
        queue.Flush();
        queue.TryWrite(Numbered(2));
        queue.Flush();

        Assert.Equal(1, reader.Count);
    }

    [Fact(Timeout = 10000)]
    public void TryParkReader_StreamingReaderMayAwaitNextButNothingComes_StillParksAndIsNotified()
    {
        MessageQueue queue = ReaderCaughtUp(new MessageQueue(0, spinsBeforeParking: true), out CountingSignal reader);

        Assert.True(queue.TryParkReader(mayAwaitNext: true)); // watched for a next message, then parked

        queue.TryWrite(Numbered(2));
        queue.Flush();
        Assert.Equal(1, reader.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task TryParkReader_StreamingReaderMayAwaitNext_LosesNothingAndEveryParkIsWoken()
    {
        const int Count = 200_000;
        var queue = new MessageQueue(0, spinsBeforeParking: true);
        var reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < Count; i++)
            {
                queue.TryWrite(Numbered(i));
                queue.Flush();
            }
        });

        // The reader races the writer: it reads, watches before parking, declines parks when a
        // message comes meanwhile, and otherwise waits for the writer's wake-up.
        var message = new Message();
        for (int read = 0; read < Count;)
        {
            int notified = reader.Count;
            if (queue.TryRead(message))
            {
                Assert.Equal(read.ToString(), message.GetString(0));
                message.Clear();
                read++;
            }
            else if (queue.TryParkReader(mayAwaitNext: true))
            {
                Assert.True(SpinWait.SpinUntil(() => reader.Count > notified, TimeSpan.FromSeconds(10)), $"parked after {read} messages and never woken");
            }
        }
        await writer;
        Assert.False(queue.TryRead(message));
    }

    [Fact]
    public void TryParkReader_DataAlreadyPublished_RefusesToPark()
    {
        var queue = new MessageQueue(0);
        var reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        queue.TryWrite(Numbered(1));
        queue.Flush();

        Assert.False(queue.TryParkReader());
        Assert.Equal(0, reader.Count);
    }

    [Fact]
    public void TryParkWriter_ReaderDrains_NotifiesTheWriter()
    {
        var queue = new MessageQueue(2);
        var writer = new CountingSignal();
        queue.SetWriterSignal(writer);
        queue.TryWrite(Numbered(1));
        queue.TryWrite(Numbered(2));
        queue.Flush();
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(3)));
        Assert.True(queue.TryParkWriter());

        Assert.True(queue.TryRead(new Message()));
        Assert.True(queue.TryRead(new Message()));
        Assert.False(queue.TryRead(new Message()));

        Assert.Equal(1, writer.Count);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(3)));
    }

    [Fact]
    public void CompleteWriter_ReaderDrainsThenSeesCompletion()
    {
        MessageQueue queue = ReaderCaughtUp(new MessageQueue(0), out CountingSignal reader);
        Assert.True(queue.TryParkReader());

        queue.TryWrite(Numbered(2));
        queue.CompleteWriter();

        Assert.Equal(1, reader.Count);
        Assert.False(queue.IsCompleted);
        var last = new Message();
        Assert.True(queue.TryRead(last));
        Assert.Equal("2", last.GetString(0));
        Assert.True(queue.IsCompleted);
    }

    [Fact]
    public void CloseReader_WriterParked_WakesItAndRefusesWrites()
    {
        var queue = new MessageQueue(1);
        var writer = new CountingSignal();
        queue.SetWriterSignal(writer);
        queue.TryWrite(Numbered(1));
        Assert.Equal(WriteResult.Full, queue.TryWrite(Numbered(2)));
        Assert.True(queue.TryParkWriter());

        queue.CloseReader();

        Assert.Equal(1, writer.Count);
        Assert.Equal(WriteResult.Closed, queue.TryWrite(Numbered(2)));
    }

    [Fact(Timeout = 60000)]
    public async Task WriterAndReaderThreads_MillionMessagesThroughSmallCapacity_ArriveInOrder()
    {
        const int Count = 1_000_000;
        var queue = new MessageQueue(100);
        var readable = new SemaphoreSlim(0);
        var writable = new SemaphoreSlim(0);
        queue.SetReaderSignal(new Releaser(readable));
        queue.SetWriterSignal(new Releaser(writable));

        Task writer = Task.Run(async () =>
        {
            var outgoing = new Message();
            for (int i = 0; i < Count; i++)
            {
                // Every 1000th message is too large to travel inline, so both kinds of slot are exercised.
                BitConverter.TryWriteBytes(outgoing.AddFrame(i % 1000 == 0 ? 100 : 4), i);
                while (queue.TryWrite(outgoing) == WriteResult.Full)
                {
                    queue.Flush();
                    if (queue.TryParkWriter())
                    {
                        await writable.WaitAsync();
                    }
                }
                Assert.True(outgoing.IsEmpty, "a written message must be left empty");
                if (i % 7 == 0)
                {
                    queue.Flush();
                }
            }
            queue.CompleteWriter();
        });
        int received = 0;
        var incoming = new Message();
        while (true)
        {
            if (queue.TryRead(incoming))
            {
                Assert.Equal(received, BitConverter.ToInt32(incoming[0].Span));
                Assert.Equal(received % 1000 == 0 ? 100 : 4, incoming[0].Length);
                incoming.Clear();
                received++;
                continue;
            }
            if (queue.IsCompleted)
            {
                break;
            }
            if (queue.TryParkReader())
            {
                await readable.WaitAsync();
            }
        }
        await writer;

        Assert.Equal(Count, received);
    }

    [Fact(Timeout = 60000)]
    public async Task ParkAfterEachBurst_LongAndShortBursts_NeverLosesAWakeUpInEitherPublishingMode()
    {
        // Long bursts make the reader ask for unfenced publishing, short ones for fenced. After each
        // burst the writer waits for the reader to read everything, so the reader parks at every
        // burst's end and the burst's last flush must wake it: a lost wake-up fails the wait. (The
        // store-load reordering that the barriers guard against is too brief to provoke in a test;
        // this checks that both modes are used and that every wake-up arrives in each.)
        const int Bursts = 2000;
        var queue = new MessageQueue(0);
        var readable = new SemaphoreSlim(0);
        queue.SetReaderSignal(new Releaser(readable));
        long received = 0;
        var modesSeen = new HashSet<bool>();

        Task reader = Task.Run(async () =>
        {
            var incoming = new Message();
            while (true)
            {
                if (queue.TryRead(incoming))
                {
                    Assert.Equal(Volatile.Read(ref received), BitConverter.ToInt64(incoming[0].Span));
                    incoming.Clear();
                    Interlocked.Increment(ref received);
                    continue;
                }
                if (queue.IsCompleted)
                {
                    return;
                }
                if (queue.TryParkReader())
                {
                    lock (modesSeen)
                    {
                        modesSeen.Add(queue.PublishesUnfenced);
                    }
                    await readable.WaitAsync();
                }
            }
        });
        var outgoing = new Message();
        long written = 0;
        for (int burst = 0; burst < Bursts; burst++)
        {
            int length = burst % 3 == 0 ? 600 : 1 + burst % 40;
            for (int i = 0; i < length; i++)
            {
                BitConverter.TryWriteBytes(outgoing.AddFrame(8), written++);
                Assert.Equal(WriteResult.Written, queue.TryWrite(outgoing));
                queue.Flush();
            }
            Assert.True(
                SpinWait.SpinUntil(() => Volatile.Read(ref received) == written, TimeSpan.FromSeconds(10)),
                $"burst {burst}: the reader stopped at {Volatile.Read(ref received)} of {written} (a lost wake-up)");
        }
        queue.CompleteWriter();
        await reader;

        Assert.Equal(written, received);
        Assert.Equal([false, true], modesSeen.Order());
    }

    [Fact]
    public void TryWrite_SmallSingleFrame_TravelsByValueAndKeepsTheSubscriptionFlag()
    {
        var queue = new MessageQueue(0);
        var outgoing = new Message().Add(new byte[MessageQueue.InlineLimit]);
        outgoing.IsSubscription = true;

        Assert.Equal(WriteResult.Written, queue.TryWrite(outgoing));
        queue.Flush();

        Assert.True(outgoing.IsEmpty);
        var incoming = new Message();
        Assert.True(queue.TryRead(incoming));
        Assert.Equal(MessageQueue.InlineLimit, incoming[0].Length);
        Assert.True(incoming.IsSubscription);
    }

    [Fact]
    public void TryWrite_LargeOrMultipart_MovesTheFramesAndEmptiesTheSource()
    {
        var queue = new MessageQueue(0);
        byte[] large = new byte[MessageQueue.InlineLimit + 1];
        large[^1] = 9;
        var first = new Message().Add(large);
        var second = new Message("a", "b");

        queue.TryWrite(first);
        queue.TryWrite(second);
        queue.Flush();

        Assert.True(first.IsEmpty && second.IsEmpty);
        var incoming = new Message();
        Assert.True(queue.TryRead(incoming));
        Assert.Equal(9, incoming[0].Span[^1]);
        incoming.Clear();
        Assert.True(queue.TryRead(incoming));
        Assert.Equal(["a", "b"], Enumerable.Range(0, incoming.Count).Select(incoming.GetString));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1000)]
    public void TryWriteCopy_LeavesTheSourceAsItWas(int size)
    {
        var queue = new MessageQueue(0);
        var outgoing = new Message().Add(new byte[size]);

        queue.TryWriteCopy(outgoing);
        queue.TryWriteCopy(outgoing);
        queue.Flush();

        Assert.Equal(size, outgoing[0].Length);
        Assert.True(queue.TryRead(new Message()));
        Assert.True(queue.TryRead(new Message()));
    }

    [Fact]
    public void Conflate_KeepsOnlyTheNewest()
    {
        var queue = new MessageQueue(0, conflate: true);
        for (int i = 0; i < 5; i++)
        {
            queue.TryWrite(Numbered(i));
        }
        queue.Flush();

        var incoming = new Message();
        Assert.True(queue.TryRead(incoming));
        Assert.Equal("4", incoming.GetString(0));
        Assert.False(queue.TryRead(new Message()));
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IQueueSignal
    {
        public void Notify() => semaphore.Release();
    }
}

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

    [Fact]
    public void TryRead_BeforeFlush_SeesNothing()
    {
        var queue = new MessageQueue(0);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(1)));

        Assert.False(queue.TryRead(out _));
        queue.Flush();
        Assert.True(queue.TryRead(out Message message));
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
            Assert.True(queue.TryRead(out _));
        }
        Assert.False(queue.TryRead(out _));

        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(3)));
    }

    [Fact]
    public void Flush_ReaderParked_NotifiesItOnce()
    {
        var queue = new MessageQueue(0);
        var reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        Assert.False(queue.TryRead(out _));
        Assert.True(queue.TryParkReader());

        queue.TryWrite(Numbered(1));
        queue.Flush();
        queue.TryWrite(Numbered(2));
        queue.Flush();

        Assert.Equal(1, reader.Count);
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

        Assert.True(queue.TryRead(out _));
        Assert.True(queue.TryRead(out _));
        Assert.False(queue.TryRead(out _));

        Assert.Equal(1, writer.Count);
        Assert.Equal(WriteResult.Written, queue.TryWrite(Numbered(3)));
    }

    [Fact]
    public void CompleteWriter_ReaderDrainsThenSeesCompletion()
    {
        var queue = new MessageQueue(0);
        var reader = new CountingSignal();
        queue.SetReaderSignal(reader);
        queue.TryWrite(Numbered(1));
        queue.Flush();
        Assert.True(queue.TryRead(out _));
        Assert.False(queue.TryRead(out _));
        Assert.True(queue.TryParkReader());

        queue.TryWrite(Numbered(2));
        queue.CompleteWriter();

        Assert.Equal(1, reader.Count);
        Assert.False(queue.IsCompleted);
        Assert.True(queue.TryRead(out Message last));
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
        var shared = new Message();

        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < Count; i++)
            {
                while (queue.TryWrite(shared) == WriteResult.Full)
                {
                    queue.Flush();
                    if (queue.TryParkWriter())
                    {
                        await writable.WaitAsync();
                    }
                }
                if (i % 7 == 0)
                {
                    queue.Flush();
                }
            }
            queue.CompleteWriter();
        });
        int received = 0;
        while (true)
        {
            if (queue.TryRead(out Message message))
            {
                Assert.Same(shared, message);
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

    private sealed class Releaser(SemaphoreSlim semaphore) : IQueueSignal
    {
        public void Notify() => semaphore.Release();
    }
}

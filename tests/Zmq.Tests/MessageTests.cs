namespace Zmq.Tests;

public sealed class MessageTests
{
    [Fact]
    public void Add_SpanStringAndMemory_KeepOrderAndContent()
    {
        byte[] shared = [1, 2, 3];
        var message = new Message();

        message.Add(new byte[] { 9 }).Add("text").Add(shared.AsMemory()).Add(ReadOnlySpan<byte>.Empty);

        Assert.Equal(4, message.Count);
        Assert.Equal([9], message[0].ToArray());
        Assert.Equal("text", message.GetString(1));
        Assert.Equal(shared, message[2].ToArray());
        Assert.Equal(0, message[3].Length);
        Assert.Equal(1 + 4 + 3, message.TotalLength);
    }

    [Fact]
    public void AddMemory_DoesNotCopy_AddSpanDoes()
    {
        byte[] buffer = [1, 2, 3];
        var message = new Message().Add(buffer.AsMemory()).Add(buffer.AsSpan());

        buffer[0] = 42;

        Assert.Equal(42, message[0].Span[0]);
        Assert.Equal(1, message[1].Span[0]);
    }

    [Fact]
    public void Add_LargeAndManyFrames_AllReadable()
    {
        var message = new Message();
        byte[] big = new byte[100_000];
        big[^1] = 7;

        for (int i = 0; i < 100; i++)
        {
            message.Add(i.ToString());
        }
        message.Add(big);

        Assert.Equal(101, message.Count);
        Assert.Equal("99", message.GetString(99));
        Assert.Equal(7, message[100].Span[^1]);
    }

    [Fact]
    public void Indexer_OutOfRange_ThrowsNamingTheCount()
    {
        var message = new Message("one");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => message[1]);
        Assert.Contains("1 frame", error.Message);
    }

    [Fact]
    public void Clear_ThenReuse_HoldsOnlyTheNewFrames()
    {
        var message = new Message("a", "b");

        message.Clear();
        message.Add("c");

        Assert.Equal(["c"], [.. message.Select(frame => System.Text.Encoding.UTF8.GetString(frame.Span))]);
    }

    [Fact]
    public void PushFrontAndRemoveFirst_ReshapeTheEnvelope()
    {
        var message = new Message("body");

        message.PushFront("id"u8);
        message.PushFront(""u8);
        Assert.Equal(["", "id", "body"], Enumerable.Range(0, message.Count).Select(message.GetString));

        message.RemoveFirst();
        message.RemoveFirst();
        Assert.Equal(["body"], Enumerable.Range(0, message.Count).Select(message.GetString));
    }

    [Fact]
    public void CollectionInitializer_BuildsFrames()
    {
        var message = new Message { "topic", "hello" };

        Assert.Equal("topic", message.GetString(0));
        Assert.Equal("hello", message.GetString(1));
    }
}

using Zmq.Pipes;

namespace Zmq.Tests.Pipes;

public sealed class FramePoolTests
{
    [Theory]
    [InlineData(1, FramePool.MinLength)]
    [InlineData(FramePool.MinLength, FramePool.MinLength)]
    [InlineData(FramePool.MinLength + 1, 2 * FramePool.MinLength)]
    [InlineData(65536, 65536)]
    [InlineData(65537, 131072)]
    [InlineData(FramePool.MaxLength, FramePool.MaxLength)]
    public void Rent_GivesTheNextPowerOfTwoSize(int requested, int expected)
    {
        var pool = new FramePool();

        Assert.Equal(expected, pool.Rent(requested).Length);
    }

    [Fact]
    public void Rent_AfterReturn_ReusesTheArray()
    {
        var pool = new FramePool();
        byte[] first = pool.Rent(4096);
        pool.Return(first);

        Assert.Same(first, pool.Rent(4000));
    }

    [Fact]
    public void Return_KeepsAsManyArraysAsASocketHasInFlight()
    {
        // Two high-water marks of the default 1000 messages: all of them come back for reuse.
        var pool = new FramePool();
        byte[][] rented = Enumerable.Range(0, 2000).Select(_ => pool.Rent(65536)).ToArray();
        foreach (byte[] array in rented)
        {
            pool.Return(array);
        }

        var reused = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < rented.Length; i++)
        {
            reused.Add(pool.Rent(65536));
        }
        Assert.True(reused.SetEquals(rented));
    }

    [Fact]
    public void FullCollections_GiveBackSharedArraysThatStayUnused()
    {
        var pool = new FramePool();
        byte[][] idle = Enumerable.Range(0, 40).Select(_ => pool.Rent(16384)).ToArray();
        foreach (byte[] array in idle)
        {
            pool.Return(array); // beyond what this thread keeps to itself, they go to the shared stack
        }

        // The first collection after the returns starts a trim period; the next ends it.
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var again = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < idle.Length; i++)
        {
            again.Add(pool.Rent(16384));
        }
        again.IntersectWith(idle);
        Assert.InRange(again.Count, 1, FramePool.ArraysPerThread(16384));
        GC.KeepAlive(pool);
    }
}

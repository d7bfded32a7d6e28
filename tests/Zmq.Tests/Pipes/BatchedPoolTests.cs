using Zmq.Pipes;

namespace Zmq.Tests.Pipes;

public sealed class BatchedPoolTests
{
    private sealed class Item(int id)
    {
        public int Id { get; } = id;

        public override string ToString() => $"item {Id}";
    }

    /// <summary>Runs <paramref name="work"/> on a new thread (so it has its own private stacks) and returns its result.</summary>
    private static T OnOwnThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the worker thread did not finish");
        return result;
    }

    private static List<Item> TakeAll(BatchedPool<Item> pool)
    {
        var taken = new List<Item>();
        while (pool.TryTake() is { } item)
        {
            taken.Add(item);
        }
        return taken;
    }

    [Fact]
    public void TryTake_WhenEmpty_GivesNull()
    {
        var pool = new BatchedPool<Item>(localCapacity: 4, sharedCapacity: 16);

        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void TryTake_OnTheGivingThread_GivesTheLastGivenFirst()
    {
        var pool = new BatchedPool<Item>(localCapacity: 4, sharedCapacity: 16);
        var first = new Item(1);
        var second = new Item(2);
        pool.Give(first);
        pool.Give(second);

        Assert.Same(second, pool.TryTake());
        Assert.Same(first, pool.TryTake());
        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void Give_OnOneThread_ReachesTakersOnAnotherBeyondThePrivateStack()
    {
        var pool = new BatchedPool<Item>(localCapacity: 4, sharedCapacity: 1000);
        List<Item> given = OnOwnThread(() =>
        {
            List<Item> items = Enumerable.Range(0, 100).Select(i => new Item(i)).ToList();
            items.ForEach(pool.Give);
            return items;
        });

        List<Item> taken = OnOwnThread(() => TakeAll(pool));

        // All but what the giver keeps to itself (at most its local capacity) reach the other thread, each once.
        Assert.InRange(taken.Count, 96, 100);
        Assert.Equal(taken.Count, taken.Distinct().Count());
        Assert.All(taken, item => Assert.Contains(item, given));
    }

    [Fact]
    public void Give_BeyondTheSharedCapacity_DropsTheRest()
    {
        var pool = new BatchedPool<Item>(localCapacity: 4, sharedCapacity: 10);
        OnOwnThread(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                pool.Give(new Item(i));
            }
            return 0;
        });

        Assert.Equal(10, OnOwnThread(() => TakeAll(pool)).Count);
    }

    [Fact]
    public void Trim_DropsOnlySharedObjectsThatNoTakeNeededSinceTheLastTrim()
    {
        var pool = new BatchedPool<Item>(localCapacity: 4, sharedCapacity: 100);
        OnOwnThread(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                pool.Give(new Item(i)); // 4 stay with this thread, 16 are shared
            }
            return 0;
        });
        pool.Trim(); // starts a period
        List<Item> used = OnOwnThread(() =>
        {
            var items = new List<Item>();
            for (int i = 0; i < 10; i++)
            {
                items.Add(pool.TryTake()!); // the shared stack goes down to 6 (its low-water mark)
            }
            items.ForEach(pool.Give); // 6 of the 10 go back to the shared stack, on top
            return items;
        });

        pool.Trim(); // the 6 that stayed at the bottom all period go

        List<Item> left = OnOwnThread(() => TakeAll(pool));
        Assert.Equal(6, left.Count);
        Assert.All(left, item => Assert.Contains(item, used));
    }

    [Fact]
    public void Give_WithoutPrivateStacks_ReachesATakerOnAnotherThreadAtOnce()
    {
        var pool = new BatchedPool<Item>(localCapacity: 0, sharedCapacity: 16);
        var item = new Item(1);
        OnOwnThread(() =>
        {
            pool.Give(item);
            return 0;
        });

        Assert.Same(item, OnOwnThread(pool.TryTake));
        Assert.Null(pool.TryTake());
    }

    [Fact]
    public void Trim_WithoutPrivateStacks_DropsWhatNoTakeNeeded()
    {
        var pool = new BatchedPool<Item>(localCapacity: 0, sharedCapacity: 16);
        pool.Give(new Item(1));
        pool.Give(new Item(2));
        pool.Trim(); // starts a period
        Item used = pool.TryTake()!;
        pool.Give(used);

        pool.Trim(); // the one at the bottom stayed unused all period

        Assert.Same(used, pool.TryTake());
        Assert.Null(pool.TryTake());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void Constructor_WithALocalCapacityThatCannotHoldABatch_Throws(int localCapacity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedPool<Item>(localCapacity, sharedCapacity: 16));
        Assert.Equal("localCapacity", error.ParamName);
    }
}

namespace Zmq.Tests.Support;

/// <summary>A list of disposables disposed together (sockets created in a loop).</summary>
public sealed class DisposableList<T> : IDisposable
    where T : IDisposable
{
    private readonly List<T> _items = [];

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => _items[index];

    /// <summary>Adds and returns <paramref name="item"/>.</summary>
    public T Add(T item)
    {
        _items.Add(item);
        return item;
    }

    /// <summary>Disposes every item, in reverse order.</summary>
    public void Dispose()
    {
        for (int i = _items.Count - 1; i >= 0; i--)
        {
            _items[i].Dispose();
        }
    }
}

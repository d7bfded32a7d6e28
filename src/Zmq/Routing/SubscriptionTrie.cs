namespace Zmq.Routing;

/// <summary>
/// Prefix subscriptions (RFC 29): which subscribers want messages starting with which bytes.
/// Subscriptions are counted, not idempotent: subscribing twice needs two cancels.
/// </summary>
/// <remarks>
/// <para>Contract: not thread-safe; the owning socket calls it under its lock.</para>
/// <para>A radix tree: each node holds the bytes of its edge (<c>_label</c>), so memory grows with
/// the bytes actually subscribed (a 64 MiB topic is one node holding those bytes, a million topics
/// are a million small nodes), never with 256-way fan-out per byte. Every walk is a loop with an
/// explicit stack: nothing recurses, so no peer-chosen topic length can overflow the stack
/// (CVE-2021-20236 was exactly that). Invariants: a non-root node has a non-empty label; children
/// are sorted by the first byte of their label, and no two share it; a non-root node with no
/// subscribers has at least two children (otherwise it is merged or removed).</para>
/// </remarks>
internal sealed class SubscriptionTrie<TSubscriber>
    where TSubscriber : class
{
    private readonly Node _root = new([]);

    /// <summary>The number of distinct (topic, subscriber) pairs.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds one subscription; returns true when nobody had subscribed to <paramref name="topic"/>
    /// before. When <paramref name="counted"/> is false, a subscriber already holding the topic is
    /// left as it is (set semantics, as libzmq's publishers keep them).
    /// </summary>
    public bool Add(ReadOnlySpan<byte> topic, TSubscriber subscriber, bool counted = true)
    {
        Node node = _root;
        while (topic.Length > 0)
        {
            int index = node.FindChild(topic[0]);
            if (index < 0)
            {
                var leaf = new Node(topic.ToArray());
                node.InsertChild(~index, leaf);
                node = leaf;
                break;
            }
            Node child = node.Children![index];
            int common = CommonPrefix(child.Label, topic);
            if (common < child.Label.Length)
            {
                child = node.SplitChild(index, common);
            }
            node = child;
            topic = topic[common..];
        }
        bool wasEmpty = node.SubscriberCount == 0;
        if (!counted && node.CountOf(subscriber) > 0)
        {
            return false;
        }
        if (node.Increment(subscriber))
        {
            Count++;
        }
        return wasEmpty;
    }

    /// <summary>
    /// Removes one subscription; returns true when it was the last one for <paramref name="topic"/>
    /// (from any subscriber). Unknown subscriptions are ignored (returns false).
    /// </summary>
    public bool Remove(ReadOnlySpan<byte> topic, TSubscriber subscriber)
    {
        var path = new List<(Node Parent, int Index)>();
        Node node = _root;
        while (topic.Length > 0)
        {
            int index = node.FindChild(topic[0]);
            if (index < 0)
            {
                return false;
            }
            Node child = node.Children![index];
            if (!topic.StartsWith(child.Label))
            {
                return false;
            }
            path.Add((node, index));
            node = child;
            topic = topic[child.Label.Length..];
        }
        if (!node.Decrement(subscriber, out bool removedSubscriber))
        {
            return false;
        }
        if (removedSubscriber)
        {
            Count--;
        }
        bool last = node.SubscriberCount == 0;
        if (last)
        {
            Prune(path);
        }
        return last;
    }

    /// <summary>
    /// Removes every subscription of <paramref name="subscriber"/>, calling <paramref name="onLastGone"/>
    /// with each topic that no subscriber wants any more.
    /// </summary>
    public void RemoveAll(TSubscriber subscriber, Action<byte[]>? onLastGone)
    {
        // Collect first (walking while pruning would move nodes under the walk), then remove one by one.
        var mine = new List<(byte[] Topic, int Times)>();
        var stack = new Stack<(Node Node, int Depth)>();
        var prefix = new List<byte>();
        stack.Push((_root, 0));
        while (stack.Count > 0)
        {
            (Node node, int depth) = stack.Pop();
            prefix.RemoveRange(depth, prefix.Count - depth);
            prefix.AddRange(node.Label);
            int times = node.CountOf(subscriber);
            if (times > 0)
            {
                mine.Add(([.. prefix], times));
            }
            if (node.Children is { } children)
            {
                foreach (Node child in children)
                {
                    stack.Push((child, prefix.Count));
                }
            }
        }
        foreach ((byte[] topic, int times) in mine)
        {
            for (int i = 0; i < times; i++)
            {
                if (Remove(topic, subscriber))
                {
                    onLastGone?.Invoke(topic);
                }
            }
        }
    }

    /// <summary>Calls <paramref name="visit"/> once for each node on the path of <paramref name="data"/> that has subscribers, with those subscribers.</summary>
    public void Match<TState>(ReadOnlySpan<byte> data, ref TState state, MatchVisitor<TState> visit)
    {
        Node node = _root;
        while (true)
        {
            if (node.SubscriberCount > 0)
            {
                node.VisitSubscribers(ref state, visit);
            }
            if (data.Length == 0)
            {
                return;
            }
            int index = node.FindChild(data[0]);
            if (index < 0)
            {
                return;
            }
            Node child = node.Children![index];
            if (!data.StartsWith(child.Label))
            {
                return;
            }
            data = data[child.Label.Length..];
            node = child;
        }
    }

    /// <summary>True when some subscription is a prefix of <paramref name="data"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        bool found = false;
        Match(data, ref found, static (ref bool hit, TSubscriber _) => hit = true);
        return found;
    }

    /// <summary>Every (topic, subscriber, count) held, in no particular order (used to replay subscriptions to a new peer).</summary>
    public List<(byte[] Topic, TSubscriber Subscriber, int Count)> ToList()
    {
        var all = new List<(byte[], TSubscriber, int)>();
        var stack = new Stack<(Node Node, byte[] Prefix)>();
        stack.Push((_root, []));
        while (stack.Count > 0)
        {
            (Node node, byte[] prefix) = stack.Pop();
            byte[] topic = [.. prefix, .. node.Label];
            node.AddTo(topic, all);
            if (node.Children is { } children)
            {
                foreach (Node child in children)
                {
                    stack.Push((child, topic));
                }
            }
        }
        return all;
    }

    private static void Prune(List<(Node Parent, int Index)> path)
    {
        for (int i = path.Count - 1; i >= 0; i--)
        {
            (Node parent, int index) = path[i];
            Node child = parent.Children![index];
            if (child.SubscriberCount > 0)
            {
                return;
            }
            int childCount = child.Children?.Count ?? 0;
            if (childCount == 0)
            {
                parent.RemoveChildAt(index);
                continue;
            }
            if (childCount == 1)
            {
                parent.Children[index] = child.MergeWithOnlyChild();
            }
            return;
        }
    }

    private static int CommonPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.CommonPrefixLength(b);

    /// <summary>Called for each subscriber of a matching node.</summary>
    public delegate void MatchVisitor<TState>(ref TState state, TSubscriber subscriber);

    private sealed class Node(byte[] label)
    {
        private TSubscriber? _single;
        private int _singleCount;
        private Dictionary<TSubscriber, int>? _many;

        public byte[] Label { get; private set; } = label;

        public List<Node>? Children { get; private set; }

        public int SubscriberCount => _many?.Count ?? (_single is null ? 0 : 1);

        public int FindChild(byte first)
        {
            if (Children is null)
            {
                return ~0;
            }
            int low = 0;
            int high = Children.Count - 1;
            while (low <= high)
            {
                int middle = (low + high) >>> 1;
                byte key = Children[middle].Label[0];
                if (key == first)
                {
                    return middle;
                }
                if (key < first)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return ~low;
        }

        public void InsertChild(int index, Node child) => (Children ??= []).Insert(index, child);

        public void RemoveChildAt(int index)
        {
            Children!.RemoveAt(index);
            if (Children.Count == 0)
            {
                Children = null;
            }
        }

        /// <summary>Splits the child at <paramref name="index"/> after <paramref name="length"/> label bytes; returns the new middle node.</summary>
        public Node SplitChild(int index, int length)
        {
            Node child = Children![index];
            var middle = new Node(child.Label[..length]);
            child.Label = child.Label[length..];
            middle.InsertChild(0, child);
            Children[index] = middle;
            return middle;
        }

        /// <summary>This node has no subscribers and one child: the child absorbs this node's label.</summary>
        public Node MergeWithOnlyChild()
        {
            Node only = Children![0];
            only.Label = [.. Label, .. only.Label];
            return only;
        }

        /// <summary>Adds one subscription; true when <paramref name="subscriber"/> is new on this node.</summary>
        public bool Increment(TSubscriber subscriber)
        {
            if (_many is not null)
            {
                ref int count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_many, subscriber, out bool existed);
                count++;
                return !existed;
            }
            if (_single is null)
            {
                _single = subscriber;
                _singleCount = 1;
                return true;
            }
            if (ReferenceEquals(_single, subscriber))
            {
                _singleCount++;
                return false;
            }
            _many = new Dictionary<TSubscriber, int>(ReferenceEqualityComparer.Instance) { [_single] = _singleCount, [subscriber] = 1 };
            _single = null;
            _singleCount = 0;
            return true;
        }

        /// <summary>Removes one subscription; false when <paramref name="subscriber"/> had none here.</summary>
        public bool Decrement(TSubscriber subscriber, out bool removedSubscriber)
        {
            removedSubscriber = false;
            if (_many is not null)
            {
                if (!_many.TryGetValue(subscriber, out int count))
                {
                    return false;
                }
                if (count > 1)
                {
                    _many[subscriber] = count - 1;
                    return true;
                }
                _many.Remove(subscriber);
                removedSubscriber = true;
                if (_many.Count == 0)
                {
                    _many = null;
                }
                return true;
            }
            if (!ReferenceEquals(_single, subscriber))
            {
                return false;
            }
            if (--_singleCount == 0)
            {
                _single = null;
                removedSubscriber = true;
            }
            return true;
        }

        public int CountOf(TSubscriber subscriber) =>
            _many is not null ? _many.GetValueOrDefault(subscriber) : ReferenceEquals(_single, subscriber) ? _singleCount : 0;

        public void VisitSubscribers<TState>(ref TState state, MatchVisitor<TState> visit)
        {
            if (_many is not null)
            {
                foreach (TSubscriber subscriber in _many.Keys)
                {
                    visit(ref state, subscriber);
                }
            }
            else if (_single is not null)
            {
                visit(ref state, _single);
            }
        }

        public void AddTo(byte[] topic, List<(byte[], TSubscriber, int)> all)
        {
            if (_many is not null)
            {
                foreach ((TSubscriber subscriber, int count) in _many)
                {
                    all.Add((topic, subscriber, count));
                }
            }
            else if (_single is not null)
            {
                all.Add((topic, _single, _singleCount));
            }
        }
    }
}

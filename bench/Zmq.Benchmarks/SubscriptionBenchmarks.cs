using System.Text;
using BenchmarkDotNet.Attributes;
using Zmq.Routing;

namespace Zmq.Benchmarks;

/// <summary>Matching a message's topic against a publisher's subscriptions.</summary>
[MemoryDiagnoser]
public class SubscriptionBenchmarks
{
    private readonly SubscriptionTrie<object> _trie = new();
    private readonly byte[] _hit = Encoding.ASCII.GetBytes("market/eu/ticker/4242 payload");
    private readonly byte[] _miss = Encoding.ASCII.GetBytes("weather/eu/paris payload");

    /// <summary>Distinct subscriptions held.</summary>
    [Params(10, 10_000)]
    public int Subscriptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var subscribers = Enumerable.Range(0, 16).Select(_ => new object()).ToArray();
        for (int i = 0; i < Subscriptions; i++)
        {
            _trie.Add(Encoding.ASCII.GetBytes($"market/eu/ticker/{i}"), subscribers[i % subscribers.Length]);
        }
    }

    /// <summary>A topic with a subscriber.</summary>
    [Benchmark]
    public int MatchHit() => Count(_hit);

    /// <summary>A topic nobody wants.</summary>
    [Benchmark]
    public int MatchMiss() => Count(_miss);

    private int Count(byte[] topic)
    {
        int count = 0;
        _trie.Match(topic, ref count, static (ref int c, object _) => c++);
        return count;
    }
}

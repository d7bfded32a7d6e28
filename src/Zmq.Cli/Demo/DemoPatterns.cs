namespace Zmq.Cli.Demo;

/// <summary>The patterns the demo runs, in order. Adding a pattern is one line here (and its class).</summary>
internal static class DemoPatterns
{
    /// <summary>Every pattern.</summary>
    public static IReadOnlyList<DemoPattern> All { get; } =
    [
        new PushPullDemo(),
        new PairDemo(),
        new ReqRepDemo(),
        new DealerRouterDemo(),
        new PubSubDemo(),
        new BrokerDemo(),
    ];

    /// <summary>The pattern whose <see cref="DemoPattern.Key"/> is <paramref name="key"/>, or null.</summary>
    public static DemoPattern? Find(string key) => All.FirstOrDefault(pattern => pattern.Key == key);
}

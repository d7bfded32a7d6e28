namespace Zmq.Cli;

/// <summary>The socket types the tool offers. Adding a type is one line here.</summary>
internal static class SocketKinds
{
    /// <summary>Every type, in the order the help lists them.</summary>
    public static IReadOnlyList<SocketKind> All { get; } =
    [
        SocketKind.Of("push", "send each line of stdin (or --data) to the connected pull peers, in turn", () => new PushSocket()),
        SocketKind.Of("pull", "print the messages that push peers send, one per line", () => new PullSocket()),
        SocketKind.Of("pair", "both ways with one pair peer: send stdin (or --data), print what arrives", () => new PairSocket()),
    ];

    /// <summary>The type called <paramref name="name"/>, or null.</summary>
    public static SocketKind? Find(string name) => All.FirstOrDefault(kind => kind.Name == name);
}

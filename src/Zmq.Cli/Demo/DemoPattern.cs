namespace Zmq.Cli.Demo;

/// <summary>
/// One socket pattern in the demo, run over every transport. The local side lives in the demo
/// process, binds, and checks what arrives; the peer connects, on a thread (inproc) or in a second
/// process (<c>zmq demo-peer</c>). A new pattern is one subclass of this plus a line in <see cref="DemoPatterns"/>.
/// </summary>
internal abstract class DemoPattern
{
    /// <summary>The name in the table, e.g. <c>PUSH -> PULL</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The name on the peer's command line (<c>zmq demo-peer KEY ...</c>), e.g. <c>push-pull</c>.</summary>
    public abstract string Key { get; }

    /// <summary>A line printed under the table to explain the row, or null.</summary>
    public virtual string? Note => null;

    /// <summary>The burst this pattern sends when the demo's burst is <paramref name="count"/>: smaller for strict round trips, which are slower.</summary>
    public virtual int BurstSize(int count) => count;

    /// <summary>
    /// The demo-process side: makes its sockets, passes them to <see cref="DemoLink.Bind"/> (which
    /// starts the peer), and records in <paramref name="tally"/> the topic/hello message and the
    /// burst of <see cref="Tally.Expected"/> numbered messages. May throw; the run then fails with the message.
    /// </summary>
    public abstract void RunLocal(DemoLink link, Tally tally);

    /// <summary>
    /// The peer side: connects to <paramref name="endpoints"/> (those the local side bound, in the
    /// order it passed its sockets to <see cref="DemoLink.Bind"/>) and plays its part for a burst of
    /// <paramref name="count"/>; throws on failure.
    /// </summary>
    public abstract void RunPeer(IReadOnlyList<string> endpoints, int count);
}

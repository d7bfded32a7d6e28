using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>The transports the libzmq interop tests run over.</summary>
public enum InteropTransport
{
    /// <summary><c>tcp://127.0.0.1</c> with a port chosen at bind.</summary>
    Tcp,
    /// <summary><c>ipc:///tmp/...</c>: a Unix domain socket with a file path.</summary>
    IpcPath,
    /// <summary><c>ipc://@...</c>: a Linux abstract-namespace Unix domain socket.</summary>
    IpcAbstract,
}

/// <summary>
/// A pyzmq script linked to one or more Zmq sockets, one side binding and the other connecting.
/// Disposing it kills the script if it still runs and removes the socket files of ipc paths the
/// script bound (libzmq 4.3 leaves them behind).
/// </summary>
internal sealed class LibzmqLink : IAsyncDisposable
{
    private readonly List<string> _filesToRemove = [];

    private LibzmqLink(PythonPeer peer)
    {
        Peer = peer;
    }

    /// <summary>The running script.</summary>
    public PythonPeer Peer { get; }

    /// <summary>Every transport, with Zmq binding and with libzmq binding, for <c>[MemberData]</c>.</summary>
    public static TheoryData<InteropTransport, bool> TransportsAndBinders
    {
        get
        {
            var data = new TheoryData<InteropTransport, bool>();
            foreach (InteropTransport transport in Enum.GetValues<InteropTransport>())
            {
                data.Add(transport, true);
                data.Add(transport, false);
            }
            return data;
        }
    }

    /// <summary>A fresh endpoint to bind on <paramref name="transport"/>.</summary>
    public static string ForBind(InteropTransport transport) => transport switch
    {
        InteropTransport.Tcp => "tcp://127.0.0.1:*",
        InteropTransport.IpcPath => TestEndpoints.IpcPath(),
        InteropTransport.IpcAbstract => $"ipc://@zmq-test-{Guid.NewGuid():N}",
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };

    /// <summary>
    /// Starts <paramref name="script"/> (one of <see cref="PyZmqScripts"/>) with <paramref name="count"/>
    /// numbered messages and links it to <paramref name="socket"/>: when <paramref name="zmqBinds"/>
    /// the Zmq socket binds and the script connects, otherwise the script binds and Zmq connects.
    /// Returns once the script has printed READY.
    /// </summary>
    public static Task<LibzmqLink> StartAsync(ZmqSocket socket, string script, InteropTransport transport, bool zmqBinds, int count) =>
        StartAsync([socket], script, transport, zmqBinds, count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Starts <paramref name="script"/> as <c>script MODE ENDPOINTS ARGS...</c> and links its
    /// sockets to <paramref name="sockets"/>, returning once it has printed
    /// <c>READY &lt;endpoint&gt; [&lt;endpoint&gt; ...]</c>.
    /// </summary>
    /// <remarks>
    /// When <paramref name="zmqBinds"/>, each Zmq socket binds a fresh endpoint, MODE is
    /// <c>connect</c> and ENDPOINTS lists them, comma-separated; otherwise MODE is <c>bind</c>,
    /// ENDPOINTS is one fresh endpoint to bind (a script binding several sockets derives the
    /// others from it) and the Zmq sockets connect to the endpoints the READY line lists. Either
    /// way the sockets are paired in order when both sides have as many, and a lone socket on
    /// either side is linked to every socket on the other.
    /// </remarks>
    public static async Task<LibzmqLink> StartAsync(IReadOnlyList<ZmqSocket> sockets, string script, InteropTransport transport, bool zmqBinds, params string[] args)
    {
        string endpoints = zmqBinds
            ? string.Join(',', sockets.Select(socket => socket.Bind(ForBind(transport))))
            : ForBind(transport);
        var link = new LibzmqLink(PythonPeer.Start(script, [zmqBinds ? "connect" : "bind", endpoints, .. args]));
        try
        {
            string line = await link.Peer.ReadLineAsync();
            Assert.True(line.StartsWith("READY ", StringComparison.Ordinal), $"libzmq peer printed '{line}' instead of READY; stderr:\n{link.Peer.Stderr}");
            if (!zmqBinds)
            {
                string[] bound = line["READY ".Length..].Split(' ');
                link._filesToRemove.AddRange(bound.Where(e => e.StartsWith("ipc:///", StringComparison.Ordinal)).Select(e => e["ipc://".Length..]));
                for (int i = 0; i < sockets.Count; i++)
                {
                    foreach (string endpoint in bound.Length == sockets.Count ? [bound[i]] : sockets.Count == 1 ? bound : [bound[0]])
                    {
                        sockets[i].Connect(endpoint);
                    }
                }
            }
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="zmqSide"/> (which returns null on success, else what went wrong) on a
    /// thread of its own while reading the script's result line, then checks both: the Zmq side
    /// succeeded, the script printed <paramref name="expected"/> and exited cleanly. A script that
    /// reports a problem first is reported at once, not after the Zmq side times out waiting for it.
    /// </summary>
    public async Task RunAsync(Func<string?> zmqSide, string expected)
    {
        Task<string?> zmq = Task.Run(zmqSide);
        Task<string> result = Peer.ReadLineAsync(TimeSpan.FromSeconds(50));
        if (await Task.WhenAny(zmq, (Task)result) == result)
        {
            // Throws (with the script's stderr) if the script died without a result line.
            string early = await result;
            Assert.True(early == expected, $"libzmq peer reported: {early}; stderr:\n{Peer.Stderr}");
        }
        string? problem = await zmq;
        Assert.True(problem is null, $"Zmq side: {problem}; libzmq stderr:\n{Peer.Stderr}");
        string line = await result;
        Assert.True(line == expected, $"libzmq peer reported: {line}; stderr:\n{Peer.Stderr}");
        int exitCode = await Peer.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(exitCode == 0, $"libzmq peer exited with {exitCode}; stderr:\n{Peer.Stderr}");
    }

    /// <summary>Kills the script if it still runs and removes the ipc socket files it bound.</summary>
    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        foreach (string file in _filesToRemove)
        {
            File.Delete(file);
        }
    }
}

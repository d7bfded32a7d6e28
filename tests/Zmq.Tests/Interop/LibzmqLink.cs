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
/// A pyzmq script linked to a Zmq socket, one side binding and the other connecting. Disposing it
/// kills the script if it still runs and removes the socket file of an ipc path the script bound
/// (libzmq 4.3 leaves it behind).
/// </summary>
internal sealed class LibzmqLink : IAsyncDisposable
{
    private readonly string? _fileToRemove;

    private LibzmqLink(PythonPeer peer, string? fileToRemove)
    {
        Peer = peer;
        _fileToRemove = fileToRemove;
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
    public static async Task<LibzmqLink> StartAsync(ZmqSocket socket, string script, InteropTransport transport, bool zmqBinds, int count)
    {
        string endpoint = ForBind(transport);
        if (zmqBinds)
        {
            endpoint = socket.Bind(endpoint);
        }
        string? fileToRemove = !zmqBinds && transport == InteropTransport.IpcPath ? endpoint["ipc://".Length..] : null;
        var link = new LibzmqLink(
            PythonPeer.Start(script, zmqBinds ? "connect" : "bind", endpoint, count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            fileToRemove);
        try
        {
            string line = await link.Peer.ReadLineAsync();
            Assert.True(line.StartsWith("READY ", StringComparison.Ordinal), $"libzmq peer printed '{line}' instead of READY; stderr:\n{link.Peer.Stderr}");
            if (!zmqBinds)
            {
                socket.Connect(line["READY ".Length..]);
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

    /// <summary>Kills the script if it still runs and removes the ipc socket file it bound.</summary>
    public async ValueTask DisposeAsync()
    {
        await Peer.DisposeAsync();
        if (_fileToRemove is not null)
        {
            File.Delete(_fileToRemove);
        }
    }
}

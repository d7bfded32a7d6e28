using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetSocketType = System.Net.Sockets.SocketType;

namespace Zmq.Tests.Hostile;

/// <summary>A frame read by <see cref="RawZmtpClient"/>.</summary>
internal sealed record RawFrame(byte Flags, byte[] Body)
{
    public bool IsCommand => (Flags & 0x04) != 0;

    public bool HasMore => (Flags & 0x01) != 0;

    /// <summary>The command name (for a command frame).</summary>
    public string CommandName => Encoding.ASCII.GetString(Body, 1, Body[0]);

    /// <summary>The bytes after the command name (for a command frame).</summary>
    public byte[] CommandData => Body[(1 + Body[0])..];
}

/// <summary>
/// A plain <see cref="Socket"/> connected to a bound Zmq endpoint, speaking whatever bytes a test
/// wants: valid ZMTP (<see cref="HandshakeAsync"/>) or not. Every read is bounded in time.
/// </summary>
internal sealed class RawZmtpClient : IDisposable
{
    /// <summary>How long a read waits for the server before the test fails.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private RawZmtpClient(Socket socket)
    {
        Socket = socket;
        AddressAsServerSeesIt = socket.LocalEndPoint is IPEndPoint local ? $"tcp://{local.Address}:{local.Port}" : null;
    }

    /// <summary>The underlying socket.</summary>
    public Socket Socket { get; }

    /// <summary>
    /// How the server names this client in monitor events: <c>tcp://127.0.0.1:port</c>, or null
    /// over ipc where every client looks the same.
    /// </summary>
    public string? AddressAsServerSeesIt { get; }

    /// <summary>Connects to a tcp or ipc endpoint as returned by <c>Bind</c>.</summary>
    public static async Task<RawZmtpClient> ConnectAsync(string endpoint)
    {
        EndPoint address = Parse(endpoint);
        Socket socket = address is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, NetSocketType.Stream, ProtocolType.Unspecified)
            : new Socket(address.AddressFamily, NetSocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            await socket.ConnectAsync(address, timeout.Token);
            return new RawZmtpClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends every byte (the server may close at any time; that surfaces as a <see cref="SocketException"/>).</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            int sent = await Socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    /// <summary>Sends every byte of <paramref name="bytes"/>.</summary>
    public Task SendAsync(byte[] bytes) => SendAsync(bytes.AsMemory());

    /// <summary>Sends, ignoring a server that has already closed the connection (for attacks it may cut short).</summary>
    public async Task SendIgnoringResetAsync(byte[] bytes)
    {
        try
        {
            await SendAsync(bytes);
        }
        catch (SocketException)
        {
            // The server refused us early: that is what the test checks next.
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, failing the test on a timeout or end of stream.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count)
    {
        var buffer = new byte[count];
        int filled = 0;
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (filled < count)
        {
            int received;
            try
            {
                received = await Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the server sent {filled} of {count} expected bytes within {ReadTimeout.TotalSeconds} s");
            }
            if (received == 0)
            {
                throw new EndOfStreamException($"the server closed after {filled} of {count} expected bytes");
            }
            filled += received;
        }
        return buffer;
    }

    /// <summary>Reads and checks the server's greeting: ZMTP 3.x, <paramref name="mechanism"/>, as-server <paramref name="asServer"/>.</summary>
    public async Task<byte[]> ReadGreetingAsync(string mechanism = "NULL", byte asServer = 0)
    {
        byte[] greeting = await ReadExactlyAsync(64);
        Assert.Equal(0xFF, greeting[0]);
        Assert.Equal(0x7F, greeting[9]);
        Assert.Equal(3, greeting[10]);
        Assert.Equal(1, greeting[11]);
        Assert.Equal(ZmtpWire.Greeting(mechanism)[12..32], greeting[12..32]);
        Assert.Equal(asServer, greeting[32]);
        Assert.All(greeting[33..], b => Assert.Equal(0, b));
        return greeting;
    }

    /// <summary>Reads one frame (short or long).</summary>
    public async Task<RawFrame> ReadFrameAsync()
    {
        byte flags = (await ReadExactlyAsync(1))[0];
        Assert.True((flags & 0xF8) == 0, $"the server sent reserved flag bits: 0x{flags:X2}");
        long size = (flags & 0x02) != 0
            ? (long)BinaryPrimitives.ReadUInt64BigEndian(await ReadExactlyAsync(8))
            : (await ReadExactlyAsync(1))[0];
        Assert.InRange(size, 0, 16 * 1024 * 1024);
        return new RawFrame(flags, await ReadExactlyAsync((int)size));
    }

    /// <summary>Reads one frame and checks it is the command <paramref name="name"/>.</summary>
    public async Task<RawFrame> ReadCommandAsync(string name)
    {
        RawFrame frame = await ReadFrameAsync();
        Assert.True(frame.IsCommand, "expected a command frame from the server");
        Assert.Equal(name, frame.CommandName);
        return frame;
    }

    /// <summary>
    /// A complete NULL handshake as <paramref name="socketType"/>: send greeting and READY, read the
    /// server's greeting and READY. Returns the server's READY metadata.
    /// </summary>
    public async Task<Dictionary<string, string>> HandshakeAsync(string socketType = "PUSH")
    {
        await SendAsync(ZmtpWire.Greeting());
        await ReadGreetingAsync();
        await SendAsync(ZmtpWire.Ready(socketType));
        RawFrame ready = await ReadCommandAsync("READY");
        Dictionary<string, string> metadata = ZmtpWire.ParseMetadata(ready.CommandData);
        Assert.True(metadata.ContainsKey("Socket-Type"), "the server's READY has no Socket-Type");
        return metadata;
    }

    /// <summary>
    /// Reads (and keeps) whatever the server still sends until it closes the connection. Returns
    /// true when the server closed it (end of stream or reset) within <paramref name="timeout"/>.
    /// </summary>
    public async Task<(bool Closed, byte[] Received)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var deadline = new CancellationTokenSource(timeout ?? ReadTimeout);
        try
        {
            while (true)
            {
                int count = await Socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (count == 0)
                {
                    return (true, received.ToArray());
                }
                received.Write(buffer, 0, count);
            }
        }
        catch (SocketException)
        {
            return (true, received.ToArray()); // reset by the server: closed too
        }
        catch (OperationCanceledException)
        {
            return (false, received.ToArray());
        }
    }

    /// <summary>Fails the test unless the server closes the connection in time.</summary>
    public async Task<byte[]> AssertClosedByServerAsync()
    {
        (bool closed, byte[] received) = await WaitForCloseAsync();
        Assert.True(closed, $"the server did not close the connection within {ReadTimeout.TotalSeconds} s");
        return received;
    }

    /// <summary>
    /// True when, during <paramref name="window"/>, the server neither closed the connection nor
    /// sent anything (a bounded observation, for attacks the server must tolerate).
    /// </summary>
    public bool StaysOpenAndQuiet(TimeSpan window) => !Socket.Poll(window, SelectMode.SelectRead);

    /// <summary>Closes the connection from this side.</summary>
    public void Dispose() => Socket.Dispose();

    private static EndPoint Parse(string endpoint)
    {
        if (endpoint.StartsWith("tcp://", StringComparison.Ordinal))
        {
            string address = endpoint["tcp://".Length..];
            int colon = address.LastIndexOf(':');
            string host = address[..colon].Trim('[', ']');
            return new IPEndPoint(IPAddress.Parse(host), int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        if (endpoint.StartsWith("ipc://", StringComparison.Ordinal))
        {
            string path = endpoint["ipc://".Length..];
            return new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path);
        }
        throw new ArgumentException($"not a tcp or ipc endpoint: {endpoint}", nameof(endpoint));
    }
}

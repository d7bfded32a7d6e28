using System.Net;
using System.Net.Sockets;
using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>STREAM: raw tcp and ipc with routing-id frames and connect/disconnect notifications.</summary>
public sealed class StreamTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.Streams), MemberType = typeof(TestEndpoints))]
    public async Task Bound_PlainClient_NotifiesExchangesAndClosesOnEmptyFrame(TransportKind transport)
    {
        using var server = new StreamSocket();
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using Socket client = await ConnectPlainAsync(endpoint);

        using Message opened = server.ReceiveWithin();
        byte[] id = opened[0].ToArray();
        Assert.Equal(0, opened[1].Length);

        await client.SendAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), SocketFlags.None);
        var request = new StringBuilder();
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            using Message data = server.ReceiveWithin();
            Assert.Equal(id, data[0].ToArray());
            request.Append(data.GetString(1));
        }
        Assert.Equal("GET / HTTP/1.0\r\n\r\n", request.ToString());

        server.Send(new Message().Add(id).Add("HTTP/1.0 200 OK\r\n\r\nhello"));
        server.Send(new Message().Add(id).Add(ReadOnlySpan<byte>.Empty));

        Assert.Equal("HTTP/1.0 200 OK\r\n\r\nhello", await ReadToEndAsync(client));
        using Message closed = server.ReceiveWithin();
        Assert.Equal(id, closed[0].ToArray());
        Assert.Equal(0, closed[1].Length);
    }

    [Fact(Timeout = 30000)]
    public async Task Connect_ToPlainListener_UsesTheAssignedIdAndSeesTheDisconnect()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var socket = new StreamSocket { ConnectRoutingId = "upstream"u8.ToArray() };
        socket.Connect($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        using Socket accepted = await listener.AcceptSocketAsync();

        Assert.Equal(["upstream", ""], socket.ReceiveWithin().Strings());
        socket.Send(new Message("upstream", "ping\n"));
        byte[] buffer = new byte[16];
        int read = await accepted.ReceiveAsync(buffer, SocketFlags.None);
        Assert.Equal("ping\n", Encoding.ASCII.GetString(buffer, 0, read));

        await accepted.SendAsync("pong\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal(["upstream", "pong\n"], socket.ReceiveWithin().Strings());
        accepted.Shutdown(SocketShutdown.Both);
        accepted.Close();
        Assert.Equal(["upstream", ""], socket.ReceiveWithin().Strings());
    }

    [Fact(Timeout = 30000)]
    public void Send_UnknownConnection_ThrowsHostUnreachable()
    {
        using var server = new StreamSocket();
        server.Bind("tcp://127.0.0.1:*");

        var error = Assert.Throws<ZmqException>(() => server.Send(new Message("nobody", "data")));

        Assert.Equal(ZmqError.HostUnreachable, error.Error);
    }

    [Fact]
    public void Bind_Inproc_IsRejected()
    {
        using var server = new StreamSocket();

        Assert.Throws<ArgumentException>(() => server.Bind("inproc://raw"));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.Streams), MemberType = typeof(TestEndpoints))]
    public async Task Bound_TwoClients_GetDistinctIdsAndSeparateReplies(TransportKind transport)
    {
        using var server = new StreamSocket();
        string endpoint = server.Bind(TestEndpoints.ForBind(transport));
        using Socket first = await ConnectPlainAsync(endpoint);
        byte[] firstId = server.ReceiveWithin()[0].ToArray();
        using Socket second = await ConnectPlainAsync(endpoint);
        byte[] secondId = server.ReceiveWithin()[0].ToArray();

        Assert.NotEqual(firstId, secondId);
        server.Send(new Message().Add(secondId).Add("to second"));
        server.Send(new Message().Add(firstId).Add("to first"));
        byte[] buffer = new byte[32];
        Assert.Equal("to first", Encoding.ASCII.GetString(buffer, 0, await first.ReceiveAsync(buffer, SocketFlags.None)));
        Assert.Equal("to second", Encoding.ASCII.GetString(buffer, 0, await second.ReceiveAsync(buffer, SocketFlags.None)));
    }

    private static async Task<Socket> ConnectPlainAsync(string endpoint)
    {
        if (endpoint.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var uri = new Uri(endpoint.Replace("tcp://", "http://", StringComparison.Ordinal));
            var tcp = new Socket(AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(IPAddress.Parse(uri.Host), uri.Port);
            return tcp;
        }
        var unix = new Socket(AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, ProtocolType.Unspecified);
        await unix.ConnectAsync(new UnixDomainSocketEndPoint(endpoint["ipc://".Length..]));
        return unix;
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[256];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString();
    }
}

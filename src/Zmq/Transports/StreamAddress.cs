using System.Net;
using System.Net.Sockets;
using NetSocketType = System.Net.Sockets.SocketType;

namespace Zmq.Transports;

/// <summary>
/// Turns tcp and ipc endpoints into operating-system socket addresses, and back into endpoint
/// strings. Stateless.
/// </summary>
internal static class StreamAddress
{
    /// <summary>The address a tcp bind listens on (resolving a host name synchronously: bind is a synchronous call).</summary>
    public static IPEndPoint ForTcpBind(TcpEndpoint endpoint, bool ipv6)
    {
        if (endpoint.IsWildcardHost)
        {
            return new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, endpoint.Port);
        }
        if (IPAddress.TryParse(endpoint.Host, out IPAddress? literal))
        {
            return new IPEndPoint(literal, endpoint.Port);
        }
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(endpoint.Host);
        }
        catch (SocketException error)
        {
            throw new ZmqException(ZmqError.AddressNotAvailable, $"cannot bind '{endpoint.Text}': host '{endpoint.Host}' does not resolve ({error.SocketErrorCode})", error);
        }
        return new IPEndPoint(Choose(addresses, ipv6) ?? throw new ZmqException(ZmqError.AddressNotAvailable, $"cannot bind '{endpoint.Text}': host '{endpoint.Host}' has no usable address"), endpoint.Port);
    }

    /// <summary>The address a tcp connect goes to, resolved afresh for each attempt.</summary>
    public static async Task<IPEndPoint> ForTcpConnectAsync(TcpEndpoint endpoint, bool ipv6, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(endpoint.Host, out IPAddress? literal))
        {
            return new IPEndPoint(literal, endpoint.Port);
        }
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        IPAddress address = Choose(addresses, ipv6) ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(address, endpoint.Port);
    }

    /// <summary>The Unix-domain address of an ipc endpoint (<paramref name="path"/> resolves <c>ipc://*</c>).</summary>
    public static UnixDomainSocketEndPoint ForIpc(IpcEndpoint endpoint, string path) =>
        new(endpoint.IsAbstract ? "\0" + endpoint.Path : path);

    /// <summary>A new stream socket for <paramref name="address"/>; tcp sockets get TCP_NODELAY.</summary>
    public static Socket CreateSocket(EndPoint address)
    {
        if (address is UnixDomainSocketEndPoint)
        {
            return new Socket(AddressFamily.Unix, NetSocketType.Stream, ProtocolType.Unspecified);
        }
        var socket = new Socket(address.AddressFamily, NetSocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (address is IPEndPoint { Address: var ip } && ip.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }
        return socket;
    }

    /// <summary>The endpoint string for a bound or connected address, as ZMQ_LAST_ENDPOINT shows it.</summary>
    public static string Format(EndPoint? address, IpcEndpoint? ipc = null, string? ipcPath = null)
    {
        if (ipc is not null)
        {
            return ipc.IsAbstract ? "ipc://@" + ipc.Path : "ipc://" + ipcPath;
        }
        return address switch
        {
            IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6 when v6.Address.IsIPv4MappedToIPv6 => $"tcp://{v6.Address.MapToIPv4()}:{v6.Port}",
            IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6 => $"tcp://[{v6.Address}]:{v6.Port}",
            IPEndPoint v4 => $"tcp://{v4.Address}:{v4.Port}",
            _ => address?.ToString() ?? "unknown",
        };
    }

    /// <summary>The peer address of a connected socket, for events.</summary>
    public static string Describe(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint switch
            {
                IPEndPoint ip => Format(ip),
                UnixDomainSocketEndPoint => "ipc peer",
                var other => other?.ToString() ?? "unknown peer",
            };
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return "unknown peer";
        }
    }

    /// <summary>The peer's IP address as ZAP wants it (IPv4 dotted, IPv6 canonical), or "" for a Unix socket or a peer that has gone.</summary>
    public static string PeerIp(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint is IPEndPoint ip ? AddressText(ip.Address) : "";
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return "";
        }
    }

    /// <summary>
    /// An IP address as ZAP names it and address lists compare it: IPv4-mapped addresses as IPv4,
    /// IPv6 without a scope id ("fe80::1", not "fe80::1%3").
    /// </summary>
    public static string AddressText(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : new IPAddress(address.GetAddressBytes()).ToString();

    private static IPAddress? Choose(IPAddress[] addresses, bool ipv6)
    {
        IPAddress? v4 = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
        IPAddress? v6 = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6);
        return ipv6 ? v6 ?? v4 : v4 ?? v6;
    }
}

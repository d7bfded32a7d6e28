using NetMQ;

namespace Zmq.Tests.Interop;

/// <summary>
/// Links a NetMQ socket and a Zmq socket over tcp, and runs the NetMQ side of <see cref="InteropTraffic"/>
/// and of <see cref="RoundTrips"/>. A NetMQ socket is not thread-safe: use each from one thread.
/// </summary>
internal static class NetMqLink
{
    /// <summary>How long a NetMQ send may wait for room before the run is reported stuck.</summary>
    private static readonly TimeSpan s_sendTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Binds one side on 127.0.0.1 (a port chosen by the system) and connects the other to it.</summary>
    public static void Link(NetMQSocket netMq, ZmqSocket zmq, bool netMqBinds)
    {
        if (netMqBinds)
        {
            int port = netMq.BindRandomPort("tcp://127.0.0.1");
            zmq.Connect($"tcp://127.0.0.1:{port}");
        }
        else
        {
            netMq.Connect(zmq.Bind("tcp://127.0.0.1:*"));
        }
    }

    /// <summary>Sends the whole run; null when every message was queued, else where it got stuck.</summary>
    public static string? SendAll(NetMQSocket socket, int count)
    {
        int total = InteropTraffic.Total(count);
        for (int i = 0; i < total; i++)
        {
            var message = new NetMQMessage();
            foreach (byte[] frame in InteropTraffic.Expected(i, count))
            {
                message.Append(frame);
            }
            if (!socket.TrySendMultipartMessage(s_sendTimeout, message))
            {
                return $"NetMQ could not send message {i} of {total} for {s_sendTimeout.TotalSeconds} s";
            }
        }
        return null;
    }

    /// <summary>Receives and checks the whole run; null when all arrived intact and in order, else what went wrong first.</summary>
    public static string? ReceiveAll(NetMQSocket socket, int count)
    {
        int total = InteropTraffic.Total(count);
        for (int i = 0; i < total; i++)
        {
            NetMQMessage? message = null;
            if (!socket.TryReceiveMultipartMessage(InteropTraffic.PerMessage, ref message))
            {
                return $"NetMQ received nothing for {InteropTraffic.PerMessage.TotalSeconds} s at message {i} of {total}";
            }
            ReadOnlyMemory<byte>[] frames = [.. message.Select(static f => (ReadOnlyMemory<byte>)f.ToByteArray())];
            if (InteropTraffic.Mismatch(i, count, frames) is { } problem)
            {
                return "NetMQ got " + problem;
            }
        }
        NetMQMessage? extra = null;
        return socket.TryReceiveMultipartMessage(InteropTraffic.ExtraMessageWait, ref extra)
            ? $"NetMQ got an extra message after all {total}: {InteropTraffic.Show(extra.Select(static f => (ReadOnlyMemory<byte>)f.ToByteArray()))}"
            : null;
    }

    /// <summary><paramref name="count"/> round trips of <see cref="RoundTrips"/> on a NetMQ REQ; null when every reply answered its request, else what went wrong first.</summary>
    public static string? Request(NetMQ.Sockets.RequestSocket socket, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!socket.TrySendMultipartMessage(s_sendTimeout, ToNetMq(RoundTrips.Request(i))))
            {
                return $"NetMQ could not send request {i} of {count}";
            }
            NetMQMessage? reply = null;
            if (!socket.TryReceiveMultipartMessage(InteropTraffic.PerMessage, ref reply))
            {
                return $"NetMQ got no reply {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (RoundTrips.Mismatch($"NetMQ reply {i}", RoundTrips.Reply(i), Frames(reply)) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    /// <summary>Serves <paramref name="count"/> requests of <see cref="RoundTrips"/> on a NetMQ REP: checks request i, answers reply i.</summary>
    public static string? Serve(NetMQ.Sockets.ResponseSocket socket, int count)
    {
        for (int i = 0; i < count; i++)
        {
            NetMQMessage? request = null;
            if (!socket.TryReceiveMultipartMessage(InteropTraffic.PerMessage, ref request))
            {
                return $"NetMQ got no request {i} of {count} for {InteropTraffic.PerMessage.TotalSeconds} s";
            }
            if (RoundTrips.Mismatch($"NetMQ request {i}", RoundTrips.Request(i), Frames(request)) is { } problem)
            {
                return problem;
            }
            if (!socket.TrySendMultipartMessage(s_sendTimeout, ToNetMq(RoundTrips.Reply(i))))
            {
                return $"NetMQ could not send reply {i} of {count}";
            }
        }
        return null;
    }

    /// <summary>A NetMQ message of copies of <paramref name="frames"/>.</summary>
    public static NetMQMessage ToNetMq(IEnumerable<byte[]> frames)
    {
        var message = new NetMQMessage();
        foreach (byte[] frame in frames)
        {
            message.Append((byte[])frame.Clone());
        }
        return message;
    }

    /// <summary>The frames of a NetMQ message.</summary>
    public static ReadOnlyMemory<byte>[] Frames(NetMQMessage message) => [.. message.Select(static f => (ReadOnlyMemory<byte>)f.ToByteArray())];
}

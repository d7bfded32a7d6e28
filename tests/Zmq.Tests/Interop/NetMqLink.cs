using NetMQ;

namespace Zmq.Tests.Interop;

/// <summary>Links a NetMQ socket and a Zmq socket over tcp, and runs <see cref="InteropTraffic"/> on the NetMQ side.</summary>
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
}

using System.Text;

namespace Zmq.Security;

/// <summary>What a ZAP handler answered (RFC 27): a status code and text, and the user id for a 200.</summary>
/// <param name="StatusCode">"200" success, "300" temporary error, "400" authentication failure, "500" internal error.</param>
/// <param name="StatusText">The handler's explanation (may be empty).</param>
/// <param name="UserId">The authenticated user, for a 200.</param>
internal sealed record ZapReply(string StatusCode, string StatusText, string UserId)
{
    /// <summary>True for status 200.</summary>
    public bool Succeeded => StatusCode == "200";
}

/// <summary>
/// The server side of ZAP (RFC 27): asks the process's authentication handler, bound by the
/// application at <c>inproc://zeromq.zap.01</c> in the socket's context, whether a connecting peer
/// may in.
/// </summary>
/// <remarks>
/// Contract: one request per call, on a REQ socket of its own, so concurrent handshakes never
/// share state; the call completes when the handler replies or <c>cancellationToken</c> fires (the
/// handshake's own deadline). With no handler bound the answer is a refusal, not an open door.
/// A reply that is not a well-formed ZAP 1.0 reply to this request counts as status 500.
/// </remarks>
internal static class ZapClient
{
    /// <summary>The inproc name a ZAP handler binds.</summary>
    public const string HandlerName = "zeromq.zap.01";

    private static long s_requestIds;

    /// <summary>
    /// Sends one ZAP request for <paramref name="mechanism"/> with <paramref name="credentials"/>
    /// and returns the reply. <paramref name="address"/> is the peer's IP address ("" for ipc) and
    /// <paramref name="identity"/> the routing id the server socket announces.
    /// </summary>
    public static async Task<ZapReply> AuthenticateAsync(
        ZmqContext context, string domain, string address, ReadOnlyMemory<byte> identity, string mechanism,
        IReadOnlyList<byte[]> credentials, CancellationToken cancellationToken)
    {
        if (!context.Inproc.IsBound(HandlerName))
        {
            return new ZapReply("500", $"no ZAP handler is bound at inproc://{HandlerName}", "");
        }
        string requestId = Interlocked.Increment(ref s_requestIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new Message("1.0", requestId, domain, address);
        request.Add(identity.Span);
        request.Add(mechanism);
        foreach (byte[] credential in credentials)
        {
            request.Add(credential);
        }
        await using var req = new ReqSocket(context) { Linger = TimeSpan.Zero };
        req.Connect($"inproc://{HandlerName}");
        await req.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using Message reply = await req.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return Parse(reply, requestId);
    }

    /// <summary>version, request id, status code, status text, user id, metadata.</summary>
    private static ZapReply Parse(Message reply, string requestId)
    {
        if (reply.Count != 6)
        {
            return new ZapReply("500", $"malformed ZAP reply: {reply.Count} frames instead of 6", "");
        }
        if (reply.GetString(0) != "1.0" || reply.GetString(1) != requestId)
        {
            return new ZapReply("500", "malformed ZAP reply: wrong version or request id", "");
        }
        string code = Encoding.ASCII.GetString(reply[2].Span);
        if (code is not ("200" or "300" or "400" or "500"))
        {
            return new ZapReply("500", "malformed ZAP reply: unknown status code", "");
        }
        return new ZapReply(code, Encoding.ASCII.GetString(reply[3].Span), Encoding.ASCII.GetString(reply[4].Span));
    }
}

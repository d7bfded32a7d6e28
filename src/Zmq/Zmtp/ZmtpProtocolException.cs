namespace Zmq.Zmtp;

/// <summary>The peer broke the protocol; the connection must close. The message is the reason reported in monitor events.</summary>
internal sealed class ZmtpProtocolException(string reason) : ZmqException(ZmqError.Protocol, reason);

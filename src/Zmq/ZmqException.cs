namespace Zmq;

/// <summary>What went wrong in a <see cref="ZmqException"/>.</summary>
public enum ZmqError
{
    /// <summary>The endpoint is already bound by this or another socket or process (<c>EADDRINUSE</c>).</summary>
    AddressInUse,
    /// <summary>The address is not available on this machine (<c>EADDRNOTAVAIL</c>), or a host name did not resolve.</summary>
    AddressNotAvailable,
    /// <summary>The endpoint is not bound or connected on this socket (<c>ENOENT</c>).</summary>
    EndpointNotFound,
    /// <summary>The operation is not valid in the socket's current state (<c>EFSM</c>), such as two sends in a row on REQ.</summary>
    InvalidState,
    /// <summary>The operation is not supported by this socket type (<c>ENOTSUP</c>).</summary>
    NotSupported,
    /// <summary>The message could not be routed (<c>EHOSTUNREACH</c>).</summary>
    HostUnreachable,
    /// <summary>The peer broke the ZMTP protocol.</summary>
    Protocol,
    /// <summary>An operating-system socket error that has no better category.</summary>
    Network,
}

/// <summary>An error raised by a ZeroMQ operation, with a category in <see cref="Error"/>.</summary>
public class ZmqException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZmqException(ZmqError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The category of the failure.</summary>
    public ZmqError Error { get; }
}

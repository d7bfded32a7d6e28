namespace Zmq.Cli;

/// <summary>How <c>zmq TYPE</c> uses its socket: what it sends, what it prints, and when it stops.</summary>
internal enum Conversation
{
    /// <summary>Sends its input (stdin lines or <c>--data</c>), then stops (PUSH, PUB).</summary>
    Send,

    /// <summary>Prints what arrives until <c>-n</c> messages have arrived, or forever (PULL, SUB).</summary>
    Receive,

    /// <summary>Sends its input and prints what arrives at the same time; stops when the input ends, or with <c>-n</c> once N have also arrived (PAIR, DEALER, ROUTER, XPUB).</summary>
    Duplex,

    /// <summary>Prints what arrives like <see cref="Receive"/>, and sends its input lines as they come without stopping at its end (XSUB).</summary>
    Listen,

    /// <summary>Sends one request per input line and prints each reply before sending the next (REQ).</summary>
    Request,

    /// <summary>Prints each request and answers it with an input line, <c>--data</c> or the request itself (REP).</summary>
    Reply,
}

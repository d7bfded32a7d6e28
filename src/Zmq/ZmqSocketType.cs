namespace Zmq;

/// <summary>The ZeroMQ socket types (libzmq's <c>ZMQ_PAIR</c>, <c>ZMQ_PUSH</c>, ...).</summary>
public enum ZmqSocketType
{
    /// <summary>Exclusive pair: one peer, both directions (<c>ZMQ_PAIR</c>).</summary>
    Pair,
    /// <summary>Publisher (<c>ZMQ_PUB</c>).</summary>
    Pub,
    /// <summary>Subscriber (<c>ZMQ_SUB</c>).</summary>
    Sub,
    /// <summary>Request side of RPC (<c>ZMQ_REQ</c>).</summary>
    Req,
    /// <summary>Reply side of RPC (<c>ZMQ_REP</c>).</summary>
    Rep,
    /// <summary>Asynchronous request side (<c>ZMQ_DEALER</c>).</summary>
    Dealer,
    /// <summary>Asynchronous reply side, routing by peer id (<c>ZMQ_ROUTER</c>).</summary>
    Router,
    /// <summary>Pipeline sink: fair-queues from its peers (<c>ZMQ_PULL</c>).</summary>
    Pull,
    /// <summary>Pipeline source: round-robins to its peers (<c>ZMQ_PUSH</c>).</summary>
    Push,
    /// <summary>Publisher that sees subscriptions (<c>ZMQ_XPUB</c>).</summary>
    XPub,
    /// <summary>Subscriber that sends subscriptions as messages (<c>ZMQ_XSUB</c>).</summary>
    XSub,
    /// <summary>Raw tcp or ipc, for peers that do not speak ZeroMQ (<c>ZMQ_STREAM</c>).</summary>
    Stream,
}

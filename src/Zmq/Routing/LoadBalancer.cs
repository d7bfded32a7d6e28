using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>
/// Sends each message to the next pipe in turn that has room below its high-water mark
/// (round-robin load balancing, RFC 28 and 30).
/// </summary>
/// <remarks>Contract: every member is called with the socket lock held and never blocks.</remarks>
internal sealed class LoadBalancer
{
    private readonly ActivePipes _pipes;

    /// <summary>Creates a balancer that sets <paramref name="sendReadiness"/> when a full pipe gets room.</summary>
    public LoadBalancer(Readiness sendReadiness)
    {
        _pipes = new ActivePipes(sendReadiness);
    }

    /// <summary>Starts sending to <paramref name="pipe"/>.</summary>
    public void Attach(Pipe pipe)
    {
        pipe.Outbound.SetWriterSignal(_pipes.CreateActivation(pipe));
        _pipes.Add(pipe);
    }

    /// <summary>Stops sending to <paramref name="pipe"/>.</summary>
    public void Detach(Pipe pipe) => _pipes.Remove(pipe);

    /// <summary>
    /// Queues <paramref name="message"/> on the next pipe with room, leaving it empty; false (message
    /// unchanged) when every pipe is full, or there is none.
    /// </summary>
    public bool TrySend(Message message, out Pipe? chosen)
    {
        while (_pipes.TryGetCurrent(out Pipe pipe))
        {
            switch (pipe.Outbound.TryWrite(message))
            {
                case WriteResult.Written:
                    pipe.Outbound.Flush();
                    _pipes.Advance();
                    chosen = pipe;
                    return true;
                case WriteResult.Closed:
                    _pipes.RemoveCurrent();
                    break;
                default:
                    if (pipe.Outbound.TryParkWriter())
                    {
                        _pipes.RemoveCurrent();
                    }
                    break;
            }
        }
        chosen = null;
        return false;
    }
}

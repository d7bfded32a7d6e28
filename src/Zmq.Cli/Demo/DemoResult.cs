namespace Zmq.Cli.Demo;

/// <summary>One row of the demo's table: a pattern over a transport, what the local side saw, and what went wrong with the peer.</summary>
/// <param name="Pattern">The pattern.</param>
/// <param name="Transport">The transport.</param>
/// <param name="Tally">What the local side saw.</param>
/// <param name="PeerProblem">What went wrong with the peer, or null.</param>
internal sealed record DemoResult(DemoPattern Pattern, DemoTransport Transport, Tally Tally, string? PeerProblem)
{
    /// <summary>True when everything was delivered, in order, and the peer finished cleanly.</summary>
    public bool Delivered => Tally.Complete && PeerProblem is null;

    /// <summary>The problems of the run in one line, or null.</summary>
    public string? Problems => (Tally.Problem, PeerProblem) switch
    {
        (null, null) => null,
        ({ } local, null) => local,
        (null, { } peer) => peer,
        ({ } local, { } peer) => $"{local}; {peer}",
    };
}

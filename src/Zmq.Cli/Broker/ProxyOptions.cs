using Zmq.Cli.Arguments;

namespace Zmq.Cli.Broker;

/// <summary>What <c>zmq proxy</c> asked for: its two sockets, and the optional capture and control sockets.</summary>
/// <param name="Frontend">The socket the proxy receives from (<c>--frontend</c>).</param>
/// <param name="Backend">The socket the proxy sends to (<c>--backend</c>).</param>
/// <param name="Capture">The socket that gets a copy of every message (<c>--capture</c>), or null.</param>
/// <param name="Control">The socket that receives commands (<c>--control</c>), or null.</param>
internal sealed record ProxyOptions(ProxyEnd Frontend, ProxyEnd Backend, ProxyEnd? Capture, ProxyEnd? Control)
{
    /// <summary>The sockets given, in the order they are opened.</summary>
    public IEnumerable<ProxyEnd> Ends => new[] { Frontend, Backend, Capture, Control }.OfType<ProxyEnd>();

    /// <summary>Parses the arguments after <c>proxy</c>; null for <c>-h/--help</c>.</summary>
    /// <exception cref="CliException">An option is unknown, missing, given twice or has a bad value.</exception>
    public static ProxyOptions? Parse(IReadOnlyList<string> args)
    {
        try
        {
            return ParseOptions(args);
        }
        catch (CliException error)
        {
            throw CliException.Usage($"{error.Message} (see zmq proxy --help)");
        }
    }

    private static ProxyOptions? ParseOptions(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(args);
        var ends = new Dictionary<ProxyRole, ProxyEnd>();
        ProxyRole[] roles = [ProxyRole.Frontend, ProxyRole.Backend, ProxyRole.Capture, ProxyRole.Control];
        while (reader.MoveNext())
        {
            if (reader.Option is "-h" or "--help")
            {
                return null;
            }
            ProxyRole role = roles.FirstOrDefault(r => r.Option == reader.Option)
                ?? throw CliException.Usage($"unknown option '{reader.Option}' for proxy");
            if (!ends.TryAdd(role, ProxyEnd.Parse(role, reader.Value())))
            {
                throw CliException.Usage($"option {role.Option} is given twice: a proxy has one {role.Name}");
            }
        }
        ProxyEnd frontend = ends.GetValueOrDefault(ProxyRole.Frontend) ?? throw Missing(ProxyRole.Frontend);
        ProxyEnd backend = ends.GetValueOrDefault(ProxyRole.Backend) ?? throw Missing(ProxyRole.Backend);
        return new ProxyOptions(frontend, backend, ends.GetValueOrDefault(ProxyRole.Capture), ends.GetValueOrDefault(ProxyRole.Control));
    }

    private static CliException Missing(ProxyRole role) =>
        CliException.Usage($"proxy needs {role.Option} TYPE@EP");
}

using System.Text;
using Zmq.Cli.Arguments;
using Zmq.Cli.Broker;
using Zmq.Cli.Demo;
using Zmq.Cli.Running;

namespace Zmq.Cli;

/// <summary>
/// The <c>zmq</c> command-line tool: <c>zmq TYPE [options]</c> sends and receives messages on a
/// socket of that type, <c>zmq proxy</c> runs a broker between two sockets, <c>zmq demo</c> tours
/// every socket pattern over every transport, <c>zmq keys</c> makes CURVE key pairs.
/// </summary>
public static class Program
{
    /// <summary>Runs the tool; returns 0 on success, 1 on an error (reported on stderr in one line), 2 on a timeout.</summary>
    public static int Main(string[] args)
    {
        try
        {
            return Run(args);
        }
        catch (Exception error) when (ErrorMessage.Describe(error) is { } message)
        {
            Console.Error.WriteLine($"zmq: {message}");
            return error is CliException cli ? cli.ExitCode : ExitCodes.Error;
        }
    }

    private static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            throw CliException.Usage($"missing command: one of {string.Join(", ", SocketKinds.All.Select(k => k.Name))}, {ProxyCommand.Name}, {DemoCommand.Name} or {Keys.KeysCommand.Name} (see zmq --help)");
        }
        string command = args[0];
        string[] rest = args[1..];
        if (command is "-h" or "--help" or "help")
        {
            Console.Out.Write(Usage.General);
            return ExitCodes.Success;
        }
        if (command == DemoCommand.Name)
        {
            return DemoCommand.Run(rest, Console.Out);
        }
        if (command == ProxyCommand.Name)
        {
            return ProxyCommand.Run(rest, Console.Out);
        }
        if (command == Keys.KeysCommand.Name)
        {
            return Keys.KeysCommand.Run(rest, Console.Out);
        }
        if (command == "perf")
        {
            return Perf.PerfCommand.Run(rest);
        }
        if (command == DemoPeerCommand.Name)
        {
            return DemoPeerCommand.Run(rest);
        }
        SocketKind kind = SocketKinds.Find(command)
            ?? throw CliException.Usage($"unknown command '{command}' (see zmq --help)");
        CliOptions options = ArgumentParser.Parse(kind, rest);
        if (options.Help)
        {
            Console.Out.Write(Usage.For(kind));
            return ExitCodes.Success;
        }
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" };
        return SocketRunner.Run(options, input, output);
    }
}

using BenchmarkDotNet.Running;

namespace Zmq.Benchmarks;

/// <summary>
/// Micro-benchmarks of the hot pieces, with allocations reported:
/// <c>dotnet run -c Release --project bench/Zmq.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

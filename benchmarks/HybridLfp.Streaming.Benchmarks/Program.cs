using BenchmarkDotNet.Running;

namespace HybridLfp.Streaming.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites: `dotnet run -c Release --project benchmarks/HybridLfp.Streaming.Benchmarks -- --filter '*'`.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

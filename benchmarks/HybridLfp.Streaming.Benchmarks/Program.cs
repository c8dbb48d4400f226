using System.Diagnostics;
using BenchmarkDotNet.Running;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites: `dotnet run -c Release --project benchmarks/HybridLfp.Streaming.Benchmarks -- --filter '*'`.
/// `-- quick-cable` times the cable benchmark with a plain stopwatch (a few repetitions, for quick checks).
/// `-- quick-cell-probes [N]` compares the bare kernel with the whole `hlfp cell` loop of the timing case in one process.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick-cell-probes")
        {
            Forward.CellProbesTiming.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        if (args.Length > 0 && args[0] == "quick-cable")
        {
            // optional second argument: only this mode (Factorized, NeuronExact or FactorizedExpSynI), for profiling
            var only = args.Length > 1 ? args[1] : null;
            foreach (var (mode, currentBased) in new[] { (CableSolveMode.Factorized, false), (CableSolveMode.NeuronExact, false), (CableSolveMode.Factorized, true) })
            {
                if (only is not null && only != $"{mode}{(currentBased ? "ExpSynI" : "")}")
                {
                    continue;
                }

                var b = new CableTimingBenchmark { Mode = mode, CurrentBased = currentBased };
                b.Setup();
                b.Simulate1000Ms(); // warm-up
                for (var r = 0; r < 3; r++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var w = Stopwatch.StartNew();
                    b.Simulate1000Ms();
                    var cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    Console.WriteLine($"{mode}{(currentBased ? " (ExpSynI)" : "")}, {b.DirtyNodes} dirty nodes: {w.Elapsed.TotalSeconds:F3} s wall, {cpuS:F3} s CPU, {1072 * 16000 / w.Elapsed.TotalSeconds:E3} compartment-steps/s");
                }
            }

            if (only is not null)
            {
                return;
            }

            var batch = new CableTimingBenchmark();
            batch.Setup();
            batch.SimulateBatch1000Ms(4); // warm-up
            foreach (var cells in new[] { 1, 4, 8 })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var w = Stopwatch.StartNew();
                var work = batch.SimulateBatch1000Ms(cells);
                var cpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"CellBatchKernel, {cells} cells (ExpSynI): {w.Elapsed.TotalSeconds:F3} s wall, {cpuS:F3} s CPU, {work / w.Elapsed.TotalSeconds:E3} compartment-steps/s");
            }

            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

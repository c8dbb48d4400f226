using System.Globalization;
using HybridLfp.Streaming.Blocks.Distributed;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// What a run did and how fast (DESIGN §6): cells, synaptic events, windows, wall time, cell-steps and
/// compartment-steps per second, peak memory.
/// </summary>
/// <param name="Cells">cells simulated.</param>
/// <param name="Compartments">segments summed over all cells.</param>
/// <param name="Events">synaptic events delivered.</param>
/// <param name="Windows">windows computed.</param>
/// <param name="SimulatedMs">simulated time, ms.</param>
/// <param name="CellSteps">cell × time-step updates.</param>
/// <param name="WallTime">wall-clock time of the run.</param>
/// <param name="PeakWorkingSetBytes">peak resident memory of the process, bytes.</param>
public sealed record RunSummary(int Cells, long Compartments, long Events, int Windows, double SimulatedMs, long CellSteps,
    TimeSpan WallTime, long PeakWorkingSetBytes)
{
    /// <summary>Cell-steps per wall-clock second.</summary>
    public double CellStepsPerSecond => WallTime.TotalSeconds > 0 ? CellSteps / WallTime.TotalSeconds : 0;

    /// <summary>Compartment-steps per wall-clock second (cell-steps weighted by segments per cell).</summary>
    public double CompartmentStepsPerSecond =>
        Cells > 0 && WallTime.TotalSeconds > 0 ? CellSteps * (Compartments / (double)Cells) / WallTime.TotalSeconds : 0;

    /// <summary>
    /// Per-rank work and timings of an MPI run (from <c>GraphRunStatistics.RankTimings</c> on the writer rank), in
    /// rank order; empty for a single process. Printed by <see cref="ToString"/> when there are several ranks.
    /// </summary>
    public IReadOnlyList<RankTiming> Ranks { get; init; } = [];

    /// <summary>
    /// Parallel balance of an MPI run: mean over ranks of the compute time divided by the largest (1 = perfectly
    /// balanced; the slowest rank sets the pace). 1 for a single process.
    /// </summary>
    public double LoadBalance
    {
        get
        {
            var max = Ranks.Count > 1 ? Ranks.Max(r => r.ComputeSeconds) : 0;
            return max > 0 ? Ranks.Average(r => r.ComputeSeconds) / max : 1;
        }
    }

    /// <summary>Simulated ms per wall-clock second.</summary>
    public double SimulatedMsPerSecond => WallTime.TotalSeconds > 0 ? SimulatedMs / WallTime.TotalSeconds : 0;

    /// <summary>Peak memory of this process so far, bytes (<see cref="System.Diagnostics.Process.PeakWorkingSet64"/>).</summary>
    public static long CurrentPeakWorkingSet()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Cells} cells ({Compartments} compartments), {Events} synaptic events, {Windows} windows, {SimulatedMs} ms simulated in " +
            $"{WallTime.TotalSeconds:F3} s wall ({CompartmentStepsPerSecond:E3} compartment-steps/s, {CellStepsPerSecond:E3} cell-steps/s), " +
            $"peak memory {PeakWorkingSetBytes / (1024.0 * 1024.0):F1} MiB");
        if (Ranks.Count <= 1)
        {
            return text;
        }

        var lines = Ranks.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"  rank {r.Rank}: {r.Batches} batches, {r.Cells} cells, {r.CellSteps} cell-steps, compute {r.ComputeSeconds:F3} s, " +
            $"exchange {r.ReduceSeconds:F3} s in {r.ExchangeRounds} rounds, wall {r.WallSeconds:F3} s"));
        return string.Create(CultureInfo.InvariantCulture, $"{text}\n{Ranks.Count} MPI ranks, load balance {LoadBalance * 100:F1} %:\n") + string.Join("\n", lines);
    }
}

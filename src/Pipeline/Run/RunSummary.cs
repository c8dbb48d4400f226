using System.Globalization;

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

    /// <summary>Simulated ms per wall-clock second.</summary>
    public double SimulatedMsPerSecond => WallTime.TotalSeconds > 0 ? SimulatedMs / WallTime.TotalSeconds : 0;

    /// <summary>Peak memory of this process so far, bytes (<see cref="System.Diagnostics.Process.PeakWorkingSet64"/>).</summary>
    public static long CurrentPeakWorkingSet()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cells} cells ({Compartments} compartments), {Events} synaptic events, {Windows} windows, {SimulatedMs} ms simulated in " +
        $"{WallTime.TotalSeconds:F3} s wall ({CompartmentStepsPerSecond:E3} compartment-steps/s, {CellStepsPerSecond:E3} cell-steps/s), " +
        $"peak memory {PeakWorkingSetBytes / (1024.0 * 1024.0):F1} MiB");
}

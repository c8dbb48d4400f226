using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// <c>OUT/run.json</c>: what a run was and what it wrote, so <c>hlfp report OUT</c> (and people) can find the
/// inputs and outputs without the recipe: time grid, populations, network populations with their spike files,
/// probes (channels, units, contact depths), the files written (relative to OUT) and the run summary.
/// Written by <see cref="RunManifestFile.Write"/>, read by <see cref="RunManifestFile.Read"/>.
/// </summary>
public sealed record RunManifest
{
    /// <summary>Manifest file name inside an output folder.</summary>
    public const string FileName = "run.json";

    /// <summary>Format tag of this version.</summary>
    public const string CurrentFormat = "hlfp-run/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Recipe file the run was built from (absolute), or null for a recipe built in code.</summary>
    public string? Recipe { get; init; }

    /// <summary>"complete", or "incomplete" after a fault or cancellation.</summary>
    public string Status { get; init; } = "complete";

    /// <summary>Simulation time step, ms.</summary>
    public double DtMs { get; init; }

    /// <summary>Output sampling interval, ms.</summary>
    public double DtOutputMs { get; init; }

    /// <summary>Simulated duration, ms.</summary>
    public double TstopMs { get; init; }

    public ulong Seed { get; init; }

    public ImmutableArray<RunManifestPopulation> Populations { get; init; } = [];

    public ImmutableArray<RunManifestNetworkPopulation> Network { get; init; } = [];

    public ImmutableArray<RunManifestProbe> Probes { get; init; } = [];

    /// <summary>Files written, relative to the output folder (e.g. "signals.h5", "signals.csv").</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    public RunManifestSummary? Summary { get; init; }
}

/// <summary>A postsynaptic population: name, number of cells and morphology file (absolute, or null when inline).</summary>
public sealed record RunManifestPopulation(string Name, int Cells, string? Morphology = null);

/// <summary>
/// A network population: gids <see cref="FirstGid"/> … FirstGid + Count − 1 and its spike files (absolute, or
/// relative to the output folder); empty when the spikes were generated or streamed.
/// </summary>
public sealed record RunManifestNetworkPopulation(string Name, long FirstGid, long Count, ImmutableArray<string> SpikeFiles);

/// <summary>
/// A probe: group name in signals.h5, forward model, channels, units (mV, nA/µm³, nA·µm, nA/µm) and the depth of
/// each channel in µm (contact z, or CSD bin centre; null when channels are not laminar).
/// </summary>
public sealed record RunManifestProbe(string Name, string Model, int Channels, string Units, ImmutableArray<double>? DepthsUm = null);

/// <summary>The run summary (see <see cref="RunSummary"/>) as plain numbers.</summary>
/// <param name="Cells">cells simulated.</param>
/// <param name="Compartments">segments summed over all cells.</param>
/// <param name="Events">synaptic events delivered.</param>
/// <param name="Windows">windows computed.</param>
/// <param name="SimulatedMs">simulated time, ms.</param>
/// <param name="CellSteps">cell × time-step updates.</param>
/// <param name="WallSeconds">wall-clock time, s.</param>
/// <param name="PeakMemoryBytes">peak resident memory, bytes.</param>
/// <param name="CompartmentStepsPerSecond">compartment-steps per wall-clock second.</param>
public sealed record RunManifestSummary(int Cells, long Compartments, long Events, int Windows, double SimulatedMs, long CellSteps,
    double WallSeconds, long PeakMemoryBytes, double CompartmentStepsPerSecond)
{
    public static RunManifestSummary From(RunSummary s) => new(s.Cells, s.Compartments, s.Events, s.Windows, s.SimulatedMs, s.CellSteps,
        s.WallTime.TotalSeconds, s.PeakWorkingSetBytes, s.CompartmentStepsPerSecond);
}

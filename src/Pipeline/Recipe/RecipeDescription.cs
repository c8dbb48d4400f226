using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// The whole model of a hybrid run, separate from execution (arbor's recipe): network populations X (spike
/// producers), postsynaptic populations y (multicompartment cells), probes, time grid, seeds and outputs.
/// Immutable. Loaded by <see cref="RecipeLoader"/>, checked by <see cref="RecipeValidator"/>.
/// </summary>
public sealed record RecipeDescription
{
    /// <summary>Simulation time step, ms.</summary>
    public required double DtMs { get; init; }

    /// <summary>Output sampling interval, ms; an integer multiple of <see cref="DtMs"/>.</summary>
    public required double DtOutputMs { get; init; }

    /// <summary>Simulated duration, ms (t runs from 0 to tstop).</summary>
    public required double TstopMs { get; init; }

    /// <summary>Master seed; every draw is a function of (seed, population, cell index, purpose).</summary>
    public ulong Seed { get; init; }

    /// <summary>Fraction (0..1) of cells per population whose single-cell contributions are kept.</summary>
    public double SingleCellFraction { get; init; }

    /// <summary>
    /// Minimum synaptic delay used for windowing, ms; null = the smallest delay any connection can have.
    /// Windows are at most this long.
    /// </summary>
    public double? MinDelayMs { get; init; }

    /// <summary>Cells per batch (the unit of scheduling); batch boundaries depend on this only.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How presynaptic gids are drawn from a network population's range.</summary>
    public PresynapticSampling PresynapticSampling { get; init; } = PresynapticSampling.FullRange;

    /// <summary>Network (presynaptic) populations X, in the order that indexes the columns of k_yXL, J_yX, ….</summary>
    public required ImmutableArray<NetworkPopulationDescription> Network { get; init; }

    /// <summary>Postsynaptic populations y of multicompartment cells.</summary>
    public required ImmutableArray<PopulationDescription> Populations { get; init; }

    /// <summary>Probes (forward models) evaluated for every cell.</summary>
    public required ImmutableArray<ProbeDescription> Probes { get; init; }

    /// <summary>Where and how results are written.</summary>
    public OutputDescription Outputs { get; init; } = new();

    /// <summary>Directory relative paths of this recipe were resolved against (the recipe file's folder).</summary>
    public string BaseDirectory { get; init; } = ".";

    /// <summary>Index of network population <paramref name="name"/>, or −1.</summary>
    public int IndexOfNetworkPopulation(string name)
    {
        for (var i = 0; i < Network.Length; i++)
        {
            if (Network[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}

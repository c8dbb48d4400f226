using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A postsynaptic population y of identical multicompartment cells (hybridLFPy <c>Population</c>).
/// </summary>
public sealed record PopulationDescription
{
    public required string Name { get; init; }

    public required MorphologySourceDescription Morphology { get; init; }

    public CellParametersDescription Cell { get; init; } = new();

    /// <summary>Number of cells N_y.</summary>
    public required int CellCount { get; init; }

    public required PlacementDescription Placement { get; init; }

    /// <summary>Axes of random rotation about the soma, a subset of x, y, z (LFPy applies x, then y, then z).</summary>
    public ImmutableArray<char> RandomRotationAxes { get; init; } = [];

    /// <summary>Layers synapses are placed in (rows of k_yXL).</summary>
    public required ImmutableArray<LayerDescription> Layers { get; init; }

    /// <summary>In-degrees k_yXL[layer][X]: synapses per cell in each layer from each network population.</summary>
    public required ImmutableArray<ImmutableArray<int>> InDegrees { get; init; }

    /// <summary>Synapse parameters per network population X (same order as <see cref="RecipeDescription.Network"/>).</summary>
    public required ImmutableArray<SynapseParametersDescription> Synapses { get; init; }

    /// <summary>Population seed; null = derived from the recipe seed and the population name.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Per-cell draws given explicitly instead of drawn (null = draw them).</summary>
    public InjectedPopulationDescription? Injected { get; init; }
}

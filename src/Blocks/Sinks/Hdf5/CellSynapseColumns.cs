namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// A slice of a population's synapse table for <see cref="CellMetadataWriter.AppendSynapses"/>: parallel columns of
/// equal length, one row per connection.
/// </summary>
/// <param name="Cell">cell index within the population.</param>
/// <param name="Synapse">synapse object index within the cell.</param>
/// <param name="Segment">segment index of the synapse (LFPy order).</param>
/// <param name="NetworkPopulation">presynaptic network population (index into the group's <c>network_populations</c>).</param>
/// <param name="PresynapticGid">presynaptic network gid.</param>
/// <param name="DelayMs">synaptic delay, ms.</param>
/// <param name="Weight">weight: nA (current-based) or µS (conductance-based).</param>
/// <param name="SynapseType">synapse model (index into the group's <c>synapse_types</c>).</param>
/// <param name="TauMs">decay time constant, ms.</param>
public readonly ref struct CellSynapseColumns(
    ReadOnlySpan<long> Cell,
    ReadOnlySpan<long> Synapse,
    ReadOnlySpan<long> Segment,
    ReadOnlySpan<long> NetworkPopulation,
    ReadOnlySpan<long> PresynapticGid,
    ReadOnlySpan<double> DelayMs,
    ReadOnlySpan<double> Weight,
    ReadOnlySpan<long> SynapseType,
    ReadOnlySpan<double> TauMs)
{
    public ReadOnlySpan<long> Cell { get; } = Cell;

    public ReadOnlySpan<long> Synapse { get; } = Synapse;

    public ReadOnlySpan<long> Segment { get; } = Segment;

    public ReadOnlySpan<long> NetworkPopulation { get; } = NetworkPopulation;

    public ReadOnlySpan<long> PresynapticGid { get; } = PresynapticGid;

    /// <summary>Synaptic delay, ms.</summary>
    public ReadOnlySpan<double> DelayMs { get; } = DelayMs;

    /// <summary>Weight, nA (current-based) or µS (conductance-based).</summary>
    public ReadOnlySpan<double> Weight { get; } = Weight;

    public ReadOnlySpan<long> SynapseType { get; } = SynapseType;

    /// <summary>Decay time constant, ms.</summary>
    public ReadOnlySpan<double> TauMs { get; } = TauMs;
}

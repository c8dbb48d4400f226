namespace HybridLfp.Streaming.Plotting.Figures;

/// <summary>
/// Spikes of one population as plain arrays: spike <see cref="TimesMs"/> (ms) and the emitting
/// <see cref="NodeIds"/> (gids), same length. <see cref="Size"/> is the number of neurons in the population
/// (for rates); null = the number of distinct ids that spiked.
/// </summary>
public sealed record PopulationSpikes(string Name, double[] TimesMs, long[] NodeIds, int? Size = null)
{
    /// <summary>Number of spikes.</summary>
    public int Count => TimesMs.Length;

    /// <summary>Neurons used as denominator of rates.</summary>
    public int NeuronCount => Size ?? NodeIds.Distinct().Count();

    internal void Validate()
    {
        if (TimesMs.Length != NodeIds.Length)
        {
            throw new ArgumentException($"population '{Name}': {TimesMs.Length} spike times but {NodeIds.Length} node ids");
        }
    }
}

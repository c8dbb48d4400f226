namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A network population X: a contiguous range of gids and where its spikes come from.
/// </summary>
/// <param name="Name">Population name (e.g. <c>EX</c>).</param>
/// <param name="FirstGid">First gid of the population.</param>
/// <param name="Count">Number of neurons; gids are FirstGid … FirstGid + Count − 1.</param>
/// <param name="Source">Spike source.</param>
public sealed record NetworkPopulationDescription(string Name, long FirstGid, long Count, SpikeSourceDescription Source)
{
    /// <summary>Last gid (inclusive).</summary>
    public long LastGid => FirstGid + Count - 1;

    public bool Contains(long gid) => gid >= FirstGid && gid <= LastGid;
}

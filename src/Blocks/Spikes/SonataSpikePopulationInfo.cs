namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>SONATA <c>sorting</c> values (the enum h5py/libsonata write: none = 0, by_id = 1, by_time = 2).</summary>
public enum SonataSorting
{
    None = 0,
    ById = 1,
    ByTime = 2,
}

/// <summary>One population of a SONATA spike file, as found by <see cref="SonataSpikeFile.Inspect"/>.</summary>
/// <param name="Name">Population name (the group name under /spikes, or "(legacy)").</param>
/// <param name="GroupPath">HDF5 path of the group holding the datasets (e.g. "/spikes/v1").</param>
/// <param name="NodeIdDataset">Name of the id dataset in that group ("node_ids", or "gids" in the legacy layout).</param>
/// <param name="Count">Number of spikes.</param>
/// <param name="Sorting">The declared sorting (absent = none).</param>
public sealed record SonataSpikePopulationInfo(string Name, string GroupPath, string NodeIdDataset, long Count, SonataSorting Sorting);

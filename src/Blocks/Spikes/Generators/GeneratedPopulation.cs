namespace HybridLfp.Streaming.Blocks.Spikes.Generators;

/// <summary>A generated population: its name and node ids [<see cref="FirstNodeId"/>, FirstNodeId + Count).</summary>
/// <param name="Name">Population name.</param>
/// <param name="FirstNodeId">Node id of the first unit.</param>
/// <param name="Count">Number of units.</param>
public sealed record GeneratedPopulation(string Name, long FirstNodeId, int Count);

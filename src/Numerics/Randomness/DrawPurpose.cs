namespace HybridLfp.Streaming.Numerics.Randomness;

/// <summary>
/// What a random stream is used for. Part of the counter, so draws for different purposes of the same cell are
/// independent and adding a new purpose never shifts existing ones. Values are persistent: never renumber.
/// </summary>
public enum DrawPurpose : uint
{
    SomaPosition = 1,
    Rotation = 2,
    SynapseSegments = 3,
    PresynapticGids = 4,
    Delays = 5,
    Weights = 6,
    ContactPoints = 7,
    SingleCellSelection = 8,
    SpikeGeneration = 9,
}

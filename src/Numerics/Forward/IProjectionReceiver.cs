namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Receives projected measurements from a <see cref="ProjectionSink"/>, one block of consecutive samples at a time.
/// </summary>
public interface IProjectionReceiver
{
    /// <summary>
    /// A block of <paramref name="sampleCount"/> samples starting at output sample <paramref name="firstSampleIndex"/>;
    /// <paramref name="valuesTimeMajor"/> holds for each sample one value per matrix row (the model's unit); valid
    /// only during the call.
    /// </summary>
    void OnBlock(int firstSampleIndex, int sampleCount, ReadOnlySpan<double> valuesTimeMajor);

    /// <summary>Called once after the last block.</summary>
    void Complete();
}

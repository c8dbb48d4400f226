namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// An <see cref="IProjectionReceiver"/> that keeps every projected sample in memory as rows × time (for tests, short
/// single-cell runs and the CLI's JSON output). Its memory grows with the run: streaming pipelines use a receiver
/// that writes each block on.
/// </summary>
public sealed class ProjectionRecorder : IProjectionReceiver
{
    private readonly List<double>[] _rows;

    /// <summary>True once the sink completed.</summary>
    public bool IsComplete { get; private set; }

    /// <param name="rows">number of measurement rows</param>
    /// <param name="capacitySamples">samples to reserve up front (then recording allocates nothing up to that length)</param>
    public ProjectionRecorder(int rows, int capacitySamples = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacitySamples);
        _rows = Enumerable.Range(0, rows).Select(_ => new List<double>(capacitySamples)).ToArray();
    }

    public void OnBlock(int firstSampleIndex, int sampleCount, ReadOnlySpan<double> valuesTimeMajor)
    {
        if (firstSampleIndex != (_rows.Length == 0 ? firstSampleIndex : _rows[0].Count))
        {
            throw new ArgumentException($"block starts at sample {firstSampleIndex}; {_rows[0].Count} expected.", nameof(firstSampleIndex));
        }

        for (var t = 0; t < sampleCount; t++)
        {
            for (var r = 0; r < _rows.Length; r++)
            {
                _rows[r].Add(valuesTimeMajor[t * _rows.Length + r]);
            }
        }
    }

    public void Complete() => IsComplete = true;

    /// <summary>The recorded measurements, rows × time.</summary>
    public double[][] ToArray() => _rows.Select(r => r.ToArray()).ToArray();
}

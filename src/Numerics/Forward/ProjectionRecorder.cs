namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// An <see cref="IProjectionReceiver"/> that keeps every projected sample in memory as rows × time (for tests, short
/// single-cell runs and the CLI's JSON output). Its memory grows with the run: streaming pipelines use a receiver
/// that writes each block on.
/// </summary>
public sealed class ProjectionRecorder : IProjectionReceiver
{
    private double[][] _rows;
    private int _count;

    /// <summary>True once the sink completed.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Samples recorded so far.</summary>
    public int SampleCount => _count;

    /// <param name="rows">number of measurement rows</param>
    /// <param name="capacitySamples">samples to reserve up front (then recording allocates nothing up to that length)</param>
    public ProjectionRecorder(int rows, int capacitySamples = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(capacitySamples);
        _rows = Enumerable.Range(0, rows).Select(_ => new double[capacitySamples]).ToArray();
    }

    public void OnBlock(int firstSampleIndex, int sampleCount, ReadOnlySpan<double> valuesTimeMajor)
    {
        if (firstSampleIndex != _count)
        {
            throw new ArgumentException($"block starts at sample {firstSampleIndex}; {_count} expected.", nameof(firstSampleIndex));
        }

        var rows = _rows.Length;
        if (valuesTimeMajor.Length < sampleCount * rows)
        {
            throw new ArgumentException($"block holds {valuesTimeMajor.Length} values; {sampleCount} samples × {rows} rows expected.", nameof(valuesTimeMajor));
        }

        if (rows > 0 && _count + sampleCount > _rows[0].Length)
        {
            var capacity = Math.Max(_count + sampleCount, 2 * _rows[0].Length);
            for (var r = 0; r < rows; r++)
            {
                Array.Resize(ref _rows[r], capacity);
            }
        }

        // Row by row: each destination row is written contiguously (the block is small and stays in cache).
        for (var r = 0; r < rows; r++)
        {
            var destination = _rows[r].AsSpan(_count, sampleCount);
            for (var t = 0; t < destination.Length; t++)
            {
                destination[t] = valuesTimeMajor[t * rows + r];
            }
        }

        _count += sampleCount;
    }

    public void Complete() => IsComplete = true;

    /// <summary>The recorded measurements, rows × time (copies).</summary>
    public double[][] ToArray() => _rows.Select(r => r.AsSpan(0, _count).ToArray()).ToArray();
}

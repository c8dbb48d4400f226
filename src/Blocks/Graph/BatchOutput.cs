namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Where a batch kernel writes one window's results: per probe a zeroed buffer of ChannelCount × SampleCount values,
/// row-major (channel c, sample s at c·SampleCount + s), in the probe's units. The kernel adds the contributions of
/// all its cells (in cell order, so the batch result is deterministic). Valid only during the kernel call.
/// </summary>
public readonly struct BatchOutput
{
    private readonly double[][] _buffers;

    /// <summary>Output samples in this window.</summary>
    public int SampleCount { get; }

    public int ProbeCount => _buffers.Length;

    internal BatchOutput(double[][] buffers, int sampleCount)
    {
        _buffers = buffers;
        SampleCount = sampleCount;
    }

    /// <summary>Buffer of probe <paramref name="probe"/> (channels × samples, row-major).</summary>
    public Span<double> Probe(int probe) => _buffers[probe];
}

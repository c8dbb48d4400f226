using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>What a reader does with a line it cannot use.</summary>
public enum MalformedLinePolicy
{
    /// <summary>Throw an <see cref="HybridLfp.Streaming.Numerics.InputException"/> naming file and line.</summary>
    Stop,

    /// <summary>Skip the line, count it and keep the first messages in a <see cref="MalformedLineReport"/>.</summary>
    SkipAndCount,
}

/// <summary>Options shared by the spike readers. Copied at construction.</summary>
public sealed record SpikeReaderOptions
{
    /// <summary>Spikes held in memory per sorted run when a file is not known to be time-ordered; beyond it, a
    /// time-ordered start of the file is read twice and the remaining runs spill to a temporary file and are k-way
    /// merged. Memory per file being sorted: about 48 bytes × this in the first pass (the run, the one being written,
    /// the sort scratch), 16–32 bytes × this while merging; at most two files run their first pass at once.</summary>
    public int RunLength { get; init; } = 1 << 20;

    /// <summary>Spikes per emitted chunk.</summary>
    public int ChunkLength { get; init; } = SpikeChunk.DefaultCapacity;

    /// <summary>What to do with malformed text lines.</summary>
    public MalformedLinePolicy MalformedLines { get; init; } = MalformedLinePolicy.Stop;

    /// <summary>Simulation resolution (ms) for NEST files that store <c>time_step</c>/<c>time_offset</c>; null if unknown.</summary>
    public double? NestResolutionMs { get; init; }

    /// <summary>Names for the rows of a NEST population ranges file (in row order); null gives "pop0", "pop1", ….</summary>
    public IReadOnlyList<string>? NestPopulationNames { get; init; }

    /// <summary>Folder for spill files; null uses the system temporary folder.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Where skipped malformed lines are counted (shared by every reader given these options).</summary>
    public MalformedLineReport MalformedReport { get; init; } = new();

    public static SpikeReaderOptions Default { get; } = new();

    /// <summary>Applies <see cref="MalformedLines"/> to a bad line: throws naming source and line, or counts it.</summary>
    internal void ReportMalformed(string source, long line, string message)
    {
        if (MalformedLines == MalformedLinePolicy.Stop)
        {
            throw new InputException(source, message, (int)Math.Min(line, int.MaxValue));
        }

        MalformedReport.Add(source, line, message);
    }
}

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>Table layout of <see cref="ParquetSink"/>.</summary>
public enum ParquetSinkLayout
{
    /// <summary>One file, one row per value: probe, population (<c>sum</c> = total), channel, t_ms, value.</summary>
    Long,

    /// <summary>One file per probe (<c>PROBE.parquet</c>), one row per sample: t_ms, then <c>POPULATION_chC</c> per population (total first, as <c>sum</c>) and channel.</summary>
    Wide,
}

namespace HybridLfp.Streaming.Blocks.Sinks;

/// <summary>
/// Receives the own probe signals of a few kept cells of one cell batch, window by window (hybridLFPy's
/// <c>recordSingleContribFrac</c>). The batch kernel calls it from its own thread, one call at a time, windows in
/// order per cell; the data are valid only during the call. <see cref="Complete"/> (or dispose) closes it.
/// </summary>
public interface ICellContributionSink : IDisposable
{
    /// <summary>
    /// Appends one window of kept cell <paramref name="keptCell"/> (its index among the sink's cells) for probe
    /// <paramref name="probe"/>: <paramref name="sampleMajor"/> holds sampleCount × channels values (sample s, channel c
    /// at s·channels + c), in the probe's units (mV, nA/µm³, nA·µm, nA/µm).
    /// </summary>
    void Append(int keptCell, int probe, ReadOnlySpan<double> sampleMajor, int sampleCount);

    /// <summary>Marks the outputs complete (<paramref name="success"/>) or incomplete and closes them. Idempotent.</summary>
    void Complete(bool success);
}

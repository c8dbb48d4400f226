namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>A cell batch failed in a window: names the population, the cell range and the window (also in <see cref="Exception.Data"/>).</summary>
public sealed class CellBatchFaultException : Exception
{
    public string Population { get; }

    public int FirstCell { get; }

    public int LastCell { get; }

    public int WindowIndex { get; }

    /// <summary>Window start, ms.</summary>
    public double WindowStartMs { get; }

    /// <summary>Window end, ms.</summary>
    public double WindowEndMs { get; }

    public CellBatchFaultException(CellBatch batch, in WindowInfo window, Exception inner)
        : base($"population {batch.Population}, cells {batch.FirstCell}–{batch.FirstCell + batch.CellCount - 1}, " +
               $"window {window.Index} [{window.StartTimeMs}, {window.EndTimeMs}] ms: {inner.Message}", inner)
    {
        Population = batch.Population;
        FirstCell = batch.FirstCell;
        LastCell = batch.FirstCell + batch.CellCount - 1;
        WindowIndex = window.Index;
        WindowStartMs = window.StartTimeMs;
        WindowEndMs = window.EndTimeMs;
        Data["Population"] = Population;
        Data["Cells"] = $"{FirstCell}–{LastCell}";
        Data["Window"] = WindowIndex;
    }
}

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Summary of one population's spikes: count, time range (ms), node-id range, sum of ids and sum of times (ms,
/// Neumaier-compensated and accumulated in stream order, so it is deterministic).
/// </summary>
public sealed class SpikePopulationStatistics
{
    private double _timeSum;
    private double _timeCompensation;

    public long Count { get; private set; }

    /// <summary>Earliest spike (ms); NaN when empty.</summary>
    public double TMinMs { get; private set; } = double.NaN;

    /// <summary>Latest spike (ms); NaN when empty.</summary>
    public double TMaxMs { get; private set; } = double.NaN;

    public long IdMin { get; private set; } = long.MaxValue;

    public long IdMax { get; private set; } = long.MinValue;

    /// <summary>Sum of node ids (exact).</summary>
    public Int128 IdSum { get; private set; }

    /// <summary>Sum of spike times (ms).</summary>
    public double TSumMs => _timeSum + _timeCompensation;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(double timeMs, long nodeId)
    {
        if (Count == 0)
        {
            TMinMs = TMaxMs = timeMs;
        }
        else
        {
            TMinMs = Math.Min(TMinMs, timeMs);
            TMaxMs = Math.Max(TMaxMs, timeMs);
        }

        Count++;
        IdMin = Math.Min(IdMin, nodeId);
        IdMax = Math.Max(IdMax, nodeId);
        IdSum += nodeId;
        double sum = _timeSum + timeMs;
        _timeCompensation += Math.Abs(_timeSum) >= Math.Abs(timeMs) ? (_timeSum - sum) + timeMs : (timeMs - sum) + _timeSum;
        _timeSum = sum;
    }
}

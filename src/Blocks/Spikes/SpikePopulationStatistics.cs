namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Summary of one population's spikes: count, time range (ms), node-id range, sum of ids and sum of times (ms,
/// Neumaier-compensated and accumulated in stream order, so it is deterministic).
/// </summary>
public sealed class SpikePopulationStatistics
{
    // Ids are below 2^48, so 2^15 of them sum below 2^63: add in a long and carry into the Int128 that often.
    private const int IdBatch = 1 << 15;

    private double _timeSum;
    private double _timeCompensation;
    private Int128 _idSum;
    private long _idPending;
    private int _idPendingCount;

    public long Count { get; private set; }

    /// <summary>Earliest spike (ms); NaN when empty.</summary>
    public double TMinMs { get; private set; } = double.NaN;

    /// <summary>Latest spike (ms); NaN when empty.</summary>
    public double TMaxMs { get; private set; } = double.NaN;

    public long IdMin { get; private set; } = long.MaxValue;

    public long IdMax { get; private set; } = long.MinValue;

    /// <summary>Sum of node ids (exact).</summary>
    public Int128 IdSum => _idSum + _idPending;

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
        _idPending += nodeId;
        if (++_idPendingCount == IdBatch)
        {
            _idSum += _idPending;
            _idPending = 0;
            _idPendingCount = 0;
        }

        double sum = _timeSum + timeMs;
        _timeCompensation += Math.Abs(_timeSum) >= Math.Abs(timeMs) ? (_timeSum - sum) + timeMs : (timeMs - sum) + _timeSum;
        _timeSum = sum;
    }
}

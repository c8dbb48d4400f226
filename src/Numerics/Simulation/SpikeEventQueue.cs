namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// A binary min-heap of (time in ms, target index) on (time, insertion order), so entries at equal times come out in
/// the order they were added (deterministic): a cell's pending synaptic events, and the synapses' expiry candidates
/// (<see cref="CurrentBasedSynapseQueues"/>). Storage grows by doubling only when a
/// new maximum of pending events is reached; in steady state pushing and popping do not allocate. Single owner.
/// </summary>
public sealed class SpikeEventQueue
{
    private double[] _time;
    private int[] _target;
    private long[] _order;
    private long _nextOrder;

    public SpikeEventQueue(int initialCapacity = 64)
    {
        var c = Math.Max(4, initialCapacity);
        _time = new double[c];
        _target = new int[c];
        _order = new long[c];
    }

    /// <summary>Number of pending events.</summary>
    public int Count { get; private set; }

    /// <summary>Time of the earliest pending event, ms (+∞ if none).</summary>
    public double NextTimeMs => Count > 0 ? _time[0] : double.PositiveInfinity;

    /// <summary>Removes all events.</summary>
    public void Clear()
    {
        Count = 0;
        _nextOrder = 0;
    }

    /// <summary>Adds an event for <paramref name="target"/> (synapse index) at <paramref name="timeMs"/> (ms).</summary>
    public void Push(double timeMs, int target)
    {
        if (Count == _time.Length)
        {
            Array.Resize(ref _time, Count * 2);
            Array.Resize(ref _target, Count * 2);
            Array.Resize(ref _order, Count * 2);
        }

        var order = _nextOrder++;
        var i = Count++;
        while (i > 0)
        {
            var p = (i - 1) >> 1;
            if (!Less(timeMs, order, _time[p], _order[p]))
            {
                break;
            }

            _time[i] = _time[p];
            _target[i] = _target[p];
            _order[i] = _order[p];
            i = p;
        }

        _time[i] = timeMs;
        _target[i] = target;
        _order[i] = order;
    }

    /// <summary>Removes the earliest event if its time is ≤ <paramref name="untilMs"/>.</summary>
    public bool TryPop(double untilMs, out double timeMs, out int target)
    {
        if (Count == 0 || !(_time[0] <= untilMs))
        {
            timeMs = 0;
            target = -1;
            return false;
        }

        timeMs = _time[0];
        target = _target[0];
        var n = --Count;
        if (n > 0)
        {
            var t = _time[n];
            var g = _target[n];
            var o = _order[n];
            var i = 0;
            while (true)
            {
                var c = 2 * i + 1;
                if (c >= n)
                {
                    break;
                }

                if (c + 1 < n && Less(_time[c + 1], _order[c + 1], _time[c], _order[c]))
                {
                    c++;
                }

                if (!Less(_time[c], _order[c], t, o))
                {
                    break;
                }

                _time[i] = _time[c];
                _target[i] = _target[c];
                _order[i] = _order[c];
                i = c;
            }

            _time[i] = t;
            _target[i] = g;
            _order[i] = o;
        }

        return true;
    }

    private static bool Less(double t1, long o1, double t2, long o2) => t1 < t2 || (t1 == t2 && o1 < o2);
}

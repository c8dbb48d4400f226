namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// A binary min-heap of (time in ms, synapse index) with a fixed capacity (one entry per synapse at most), for the
/// synapses' next expiry candidates: a step then visits only the synapses whose oldest onset may expire, instead of
/// comparing every synapse's candidate. No allocation after construction. Ties are popped in any order.
/// </summary>
internal sealed class ExpiryHeap(int capacity)
{
    private readonly double[] _timeMs = new double[capacity];
    private readonly int[] _synapse = new int[capacity];

    public int Count { get; private set; }

    /// <summary>The smallest time, ms (+∞ when empty).</summary>
    public double MinTimeMs => Count > 0 ? _timeMs[0] : double.PositiveInfinity;

    public void Clear() => Count = 0;

    public void Push(double timeMs, int synapse)
    {
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!(timeMs < _timeMs[parent]))
            {
                break;
            }

            _timeMs[i] = _timeMs[parent];
            _synapse[i] = _synapse[parent];
            i = parent;
        }

        _timeMs[i] = timeMs;
        _synapse[i] = synapse;
    }

    /// <summary>Removes the entry with the smallest time and returns its synapse.</summary>
    public int Pop()
    {
        var top = _synapse[0];
        var n = --Count;
        if (n > 0)
        {
            var time = _timeMs[n];
            var synapse = _synapse[n];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= n)
                {
                    break;
                }

                if (child + 1 < n && _timeMs[child + 1] < _timeMs[child])
                {
                    child++;
                }

                if (!(_timeMs[child] < time))
                {
                    break;
                }

                _timeMs[i] = _timeMs[child];
                _synapse[i] = _synapse[child];
                i = child;
            }

            _timeMs[i] = time;
            _synapse[i] = synapse;
        }

        return top;
    }
}

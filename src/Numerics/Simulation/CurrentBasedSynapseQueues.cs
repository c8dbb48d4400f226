namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Event onsets of current-based synapses (ExpSynI, AlphaISyn), one ring buffer per synapse, as their NMODL keeps
/// <c>onset_times</c>/<c>weight_list</c>: the BREAKPOINT sums −w·kernel((t − t₀)/τ) over the queued onsets in arrival
/// order and drops onsets older than 20 τ from the front. Rings grow (doubling) only when more onsets are alive
/// than ever before, so steady-state steps do not allocate.
/// </summary>
internal sealed class CurrentBasedSynapseQueues
{
    private const double CutoffX = 20;

    private readonly double[][] _onset; // ms
    private readonly double[][] _weight; // nA
    private readonly int[] _head;
    private readonly int[] _count;

    public CurrentBasedSynapseQueues(int synapseCount)
    {
        _onset = new double[synapseCount][];
        _weight = new double[synapseCount][];
        _head = new int[synapseCount];
        _count = new int[synapseCount];
        for (var s = 0; s < synapseCount; s++)
        {
            _onset[s] = new double[16];
            _weight[s] = new double[16];
        }
    }

    public void Clear()
    {
        Array.Clear(_head);
        Array.Clear(_count);
    }

    /// <summary>NET_RECEIVE: queue an onset at <paramref name="te"/> (ms) with weight <paramref name="w"/> (nA).</summary>
    public void Push(int s, double te, double w)
    {
        var cap = _onset[s].Length;
        if (_count[s] == cap)
        {
            var onset = new double[cap * 2];
            var weight = new double[cap * 2];
            for (var k = 0; k < cap; k++)
            {
                onset[k] = _onset[s][(_head[s] + k) % cap];
                weight[k] = _weight[s][(_head[s] + k) % cap];
            }

            _onset[s] = onset;
            _weight[s] = weight;
            _head[s] = 0;
            cap *= 2;
        }

        var slot = (_head[s] + _count[s]) % cap;
        _onset[s][slot] = te;
        _weight[s][slot] = w;
        _count[s]++;
    }

    /// <summary>BREAKPOINT current i (nA) at time <paramref name="t"/> (ms); drops expired onsets.</summary>
    public double Current(int s, double t, double tauMs, bool alpha)
    {
        var onset = _onset[s];
        var weight = _weight[s];
        var cap = onset.Length;
        var head = _head[s];
        var count = _count[s];
        double i = 0;
        var expired = 0;
        for (var k = 0; k < count; k++)
        {
            var slot = (head + k) % cap;
            var x = (t - onset[slot]) / tauMs;
            if (x > CutoffX)
            {
                expired++;
            }
            else
            {
                var f = x < 0 ? 0.0 : alpha ? x * Math.Exp(1 - x) : Math.Exp(-x);
                i -= weight[slot] * f;
            }
        }

        if (expired > 0)
        {
            _head[s] = (head + expired) % cap;
            _count[s] = count - expired;
        }

        return i;
    }
}

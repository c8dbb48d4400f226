namespace HybridLfp.Streaming.Numerics.Randomness;

/// <summary>
/// Walker's alias method (Vose's stable construction): O(n) setup, O(1) per draw of an index i with probability
/// w_i / Σw. Immutable after construction; safe to share between threads (the random stream is the caller's).
/// </summary>
public sealed class AliasSampler
{
    private readonly double[] _probability;
    private readonly int[] _alias;

    /// <summary>Number of outcomes.</summary>
    public int Count => _probability.Length;

    /// <param name="weights">non-negative weights, at least one positive (any unit, e.g. µm² of membrane).</param>
    public AliasSampler(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("at least one weight is required", nameof(weights));
        }

        double total = 0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"weights must be finite and ≥ 0, got {w}", nameof(weights));
            }

            total += w;
        }

        if (total <= 0)
        {
            throw new ArgumentException("the weights sum to zero", nameof(weights));
        }

        _probability = new double[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        // Leftovers are 1 up to rounding.
        while (large.Count > 0)
        {
            var l = large.Pop();
            _probability[l] = 1.0;
            _alias[l] = l;
        }

        while (small.Count > 0)
        {
            var s = small.Pop();
            _probability[s] = 1.0;
            _alias[s] = s;
        }
    }

    /// <summary>Draws one index in [0, Count) (one column index and one uniform from <paramref name="random"/>).</summary>
    public int Sample(ref CounterRandom random)
    {
        var column = (int)random.NextIndex(_probability.Length);
        return random.NextDouble() < _probability[column] ? column : _alias[column];
    }
}

namespace HybridLfp.Streaming.Numerics.Cells;

/// <summary>
/// Walker/Vose alias table for drawing indices from a discrete distribution in O(1), built exactly as LFPy's
/// <c>alias_setup</c> (stacks of "small" and "large" columns, taken from the top), so that with the same uniform
/// numbers it draws the same indices. Immutable after construction; <see cref="Draw(double, double)"/> is thread-safe if the
/// random source is not shared.
/// </summary>
public sealed class AliasTable
{
    private readonly int[] _alias;
    private readonly double[] _threshold;

    /// <param name="weights">non-negative weights (e.g. segment areas, µm²); need not be normalized.</param>
    public AliasTable(ReadOnlySpan<double> weights)
    {
        var k = weights.Length;
        if (k == 0)
        {
            throw new ArgumentException("an alias table needs at least one weight.", nameof(weights));
        }

        double sum = 0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"weights must be finite and ≥ 0, got {w}.", nameof(weights));
            }

            sum += w;
        }

        if (!(sum > 0))
        {
            throw new ArgumentException("the weights sum to 0.", nameof(weights));
        }

        var q = new double[k];
        for (var i = 0; i < k; i++)
        {
            q[i] = weights[i] / sum * k;
        }

        var alias = new int[k];
        var smaller = new int[k];
        var larger = new int[k];
        int s = 0, l = 0;
        for (var i = 0; i < k; i++)
        {
            if (q[i] < 1)
            {
                smaller[s++] = i;
            }
            else
            {
                larger[l++] = i;
            }
        }

        s--;
        l--;
        while (s >= 0 && l >= 0)
        {
            var small = smaller[s];
            var large = larger[l];
            alias[small] = large;
            q[large] = q[large] + q[small] - 1;
            s--;
            if (q[large] < 1)
            {
                s++;
                l--;
                smaller[s] = large;
            }
        }

        _alias = alias;
        _threshold = q;
    }

    /// <summary>Number of outcomes.</summary>
    public int Count => _alias.Length;

    /// <summary>One draw from two uniforms in [0, 1): column floor(u1·K), kept if u2 &lt; q, else its alias.</summary>
    public int Draw(double u1, double u2)
    {
        var kk = (int)Math.Floor(u1 * _alias.Length);
        if (kk >= _alias.Length)
        {
            kk = _alias.Length - 1;
        }

        return u2 < _threshold[kk] ? kk : _alias[kk];
    }

    /// <summary>One draw using two consecutive numbers of <paramref name="random"/>.</summary>
    public int Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = random.NextDouble();
        var u2 = random.NextDouble();
        return Draw(u1, u2);
    }
}

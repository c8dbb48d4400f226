using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Output decimation (dt_output = factor × dt): averages every <see cref="Factor"/> consecutive current samples and
/// forwards the mean as one sample to the inner sink. Because every forward model is linear, projecting the averaged
/// currents equals averaging the projections exactly (up to rounding), at 1/factor of the projection cost. Output
/// sample j is the mean of input samples j·factor … j·factor + factor − 1 and carries the mean of their times (ms); a
/// trailing partial window at <see cref="Complete"/> is dropped. One fixed buffer; no allocation per sample.
/// </summary>
public sealed class DecimatingCurrentSink : IMembraneCurrentSink
{
    private readonly IMembraneCurrentSink _inner;
    private readonly double[] _sum;
    private int _count;
    private double _timeSum;
    private int _outputIndex;

    /// <summary>Input samples per output sample.</summary>
    public int Factor { get; }

    public DecimatingCurrentSink(IMembraneCurrentSink inner, int factor, int segmentCount)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(segmentCount);
        _inner = inner;
        Factor = factor;
        _sum = new double[segmentCount];
    }

    public void OnSample(int sampleIndex, double timeMs, ReadOnlySpan<double> membraneCurrentsNa)
    {
        if (membraneCurrentsNa.Length != _sum.Length)
        {
            throw new ArgumentException($"{membraneCurrentsNa.Length} currents given; {_sum.Length} segments expected.", nameof(membraneCurrentsNa));
        }

        if (Factor == 1)
        {
            _inner.OnSample(_outputIndex++, timeMs, membraneCurrentsNa);
            return;
        }

        var sum = _sum.AsSpan();
        if (_count == 0)
        {
            membraneCurrentsNa.CopyTo(sum);
            _timeSum = timeMs;
        }
        else
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += membraneCurrentsNa[i];
            }

            _timeSum += timeMs;
        }

        if (++_count == Factor)
        {
            var scale = 1.0 / Factor;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] *= scale;
            }

            _inner.OnSample(_outputIndex++, _timeSum * scale, sum);
            _count = 0;
        }
    }

    public void Complete() => _inner.Complete();
}

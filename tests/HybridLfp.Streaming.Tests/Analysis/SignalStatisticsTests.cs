using HybridLfp.Streaming.Numerics.Analysis;

namespace HybridLfp.Streaming.Tests.Analysis;

/// <summary>The examples of hybridLFPy's helpers documentation, value for value.</summary>
public sealed class SignalStatisticsTests
{
    private static readonly double[][] s_cvData = [[1, 2, 3, 4, 5, 6], [11, 2, 3, 3, 4, 5]];
    private static readonly double[][] s_small = [[1, 2, 3], [4, 5, 6]];

    [Fact]
    public void CvMatchesDocumentedExample()
    {
        var cv = SignalStatistics.CoefficientOfVariation(s_cvData);
        Assert.Equal(0.48795004, cv[0], 1e-8);
        Assert.Equal(0.63887656, cv[1], 1e-8);
        Assert.Equal(0.56341330073710316, SignalStatistics.MeanCoefficientOfVariation(s_cvData), 1e-15);
    }

    [Fact]
    public void FanoMatchesDocumentedExample()
    {
        var ff = SignalStatistics.FanoFactor(s_cvData);
        Assert.Equal(0.83333333, ff[0], 1e-8);
        Assert.Equal(1.9047619, ff[1], 1e-7);
        Assert.Equal(1.3690476190476191, SignalStatistics.MeanFanoFactor(s_cvData), 1e-15);
    }

    [Fact]
    public void CompoundStatisticsMatchDocumentedExamples()
    {
        Assert.Equal(2.6666666666666665, SignalStatistics.CompoundVariance(s_small), 1e-15);
        Assert.Equal(7.0, SignalStatistics.CompoundMean(s_small), 1e-15);
    }

    [Fact]
    public void MeanMatchesDocumentedExamples()
    {
        Assert.Equal([2.5, 3.5, 4.5], SignalStatistics.MeanOverUnits(s_small));
        Assert.Equal([2.0, 5.0], SignalStatistics.MeanOverTime(s_small));
        Assert.Equal(3.5, SignalStatistics.MeanOverUnitsAndTime(s_small));
    }

    [Fact]
    public void VarianceMatchesDocumentedExamples()
    {
        Assert.Equal([2.25, 2.25, 2.25], SignalStatistics.VarianceOverUnits(s_small));
        var overTime = SignalStatistics.VarianceOverTime(s_small);
        Assert.Equal(0.66666667, overTime[0], 1e-8);
        Assert.Equal(0.66666667, overTime[1], 1e-8);
        Assert.Equal(0.66666666666666663, SignalStatistics.MeanVarianceOverTime(s_small), 1e-15);
    }

    [Fact]
    public void CentralizeAndNormalize()
    {
        // time: each row minus its own mean; units: then minus the mean across rows (zero here).
        var c = SignalStatistics.Centralize(s_small, time: true, units: false);
        Assert.Equal([-1.0, 0.0, 1.0], c[0]);
        Assert.Equal([-1.0, 0.0, 1.0], c[1]);
        var u = SignalStatistics.Centralize(s_small, time: false, units: true);
        Assert.Equal([-1.5, -1.5, -1.5], u[0]);
        Assert.Equal([1.5, 1.5, 1.5], u[1]);
        Assert.Throws<ArgumentException>(() => SignalStatistics.Centralize(s_small, false, false));

        // Grand mean 3.5, population sd sqrt(35/12).
        var z = SignalStatistics.Normalize(s_small);
        var sd = Math.Sqrt(35.0 / 12.0);
        Assert.Equal((1 - 3.5) / sd, z[0][0], 1e-15);
        Assert.Equal((6 - 3.5) / sd, z[1][2], 1e-15);
    }

    [Fact]
    public void RaggedInputIsRejectedWithTheRowNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => SignalStatistics.MeanOverTime([[1.0, 2.0], [1.0]]));
        Assert.Contains("row 1", e.Message);
    }
}

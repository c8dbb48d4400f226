using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// Our exact "%.8g then strtod" against values printed by C's printf (glibc, via Python's '%.8g' % v), including
/// exact ties, which C rounds to even.
/// </summary>
public sealed class PrintfRoundingTests
{
    [Theory]
    [InlineData(1.00390625, 1.0039062)] // tie, rounds to even
    [InlineData(80.0078125, 80.007812)] // tie, rounds to even
    [InlineData(0.1, 0.1)]
    [InlineData(123456789.123, 123456790.0)]
    [InlineData(2.5e-07, 2.5e-07)]
    [InlineData(-7.400000001490116, -7.4)]
    [InlineData(1.000000005, 1.0)]
    [InlineData(0.0, 0.0)]
    public void MatchesCPrintf(double value, double expected)
    {
        Assert.Equal(expected, PrintfRounding.ThroughPercentG(value, 8));
    }
}

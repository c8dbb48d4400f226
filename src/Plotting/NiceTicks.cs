using System.Globalization;

namespace HybridLfp.Streaming.Plotting;

/// <summary>Tick positions at "nice" numbers (1, 2, 2.5, 5 × 10^k) and their labels.</summary>
public static class NiceTicks
{
    /// <summary>Tick step for about <paramref name="target"/> intervals over [min, max].</summary>
    public static double Step(double min, double max, int target = 5)
    {
        var span = max - min;
        if (!(span > 0) || double.IsInfinity(span))
        {
            return 1;
        }

        var raw = span / Math.Max(1, target);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Ticks inside [min, max] at multiples of <see cref="Step"/>.</summary>
    public static double[] Linear(double min, double max, int target = 5)
    {
        var step = Step(min, max, target);
        var first = Math.Ceiling(min / step - 1e-9) * step;
        var ticks = new List<double>();
        for (var k = 0; k < 1000; k++)
        {
            var v = first + k * step;
            if (v > max + step * 1e-9)
            {
                break;
            }

            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        }

        return [.. ticks];
    }

    /// <summary>Decade ticks 10^k inside [min, max] (both &gt; 0); every n-th decade when there are many.</summary>
    public static double[] Logarithmic(double min, double max)
    {
        var lo = (int)Math.Ceiling(Math.Log10(min) - 1e-9);
        var hi = (int)Math.Floor(Math.Log10(max) + 1e-9);
        var every = Math.Max(1, (hi - lo + 1 + 7) / 8);
        var ticks = new List<double>();
        for (var k = lo; k <= hi; k += every)
        {
            ticks.Add(Math.Pow(10, k));
        }

        return [.. ticks];
    }

    /// <summary>Label for a linear tick given the tick step (decimals follow the step; exponent form for tiny or huge values).</summary>
    public static string Format(double value, double step)
    {
        if (value == 0)
        {
            return "0";
        }

        var magnitude = Math.Max(Math.Abs(value), Math.Abs(step));
        if (magnitude >= 1e5 || magnitude < 1e-3)
        {
            return value.ToString("0.##E+0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 6);
        if (step * Math.Pow(10, decimals) % 1 > 1e-6)
        {
            decimals++; // steps like 2.5 × 10^k need one more digit
        }

        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>Number in SVG coordinates (invariant, at most 2 decimals).</summary>
    internal static string Px(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}

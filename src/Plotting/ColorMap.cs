namespace HybridLfp.Streaming.Plotting;

/// <summary>
/// A colour map: a 256-entry table built by interpolating a few anchor colours linearly in the OKLab space (a
/// perceptually uniform space, so equal steps in the value give roughly equal steps in perceived colour).
/// <see cref="Sequential"/> runs dark violet → blue → teal → green → yellow with monotonically increasing lightness
/// (the default, viridis-like); <see cref="Diverging"/> runs blue → near-white → red for signed data such as CSD.
/// </summary>
public sealed class ColorMap
{
    private readonly Rgb[] _table;

    private ColorMap(string name, Rgb[] anchors)
    {
        Name = name;
        _table = new Rgb[256];
        var labs = anchors.Select(OkLab.FromRgb).ToArray();
        for (var i = 0; i < 256; i++)
        {
            var position = i / 255.0 * (labs.Length - 1);
            var k = Math.Min((int)position, labs.Length - 2);
            var f = position - k;
            _table[i] = OkLab.ToRgb(
                labs[k].L + f * (labs[k + 1].L - labs[k].L),
                labs[k].A + f * (labs[k + 1].A - labs[k].A),
                labs[k].B + f * (labs[k + 1].B - labs[k].B));
        }
    }

    /// <summary>Name of the map.</summary>
    public string Name { get; }

    /// <summary>The default sequential, perceptually uniform map (dark violet to yellow).</summary>
    public static ColorMap Sequential { get; } = new("sequential",
        [Rgb.Parse("#440154"), Rgb.Parse("#3b528b"), Rgb.Parse("#21918c"), Rgb.Parse("#5ec962"), Rgb.Parse("#fde725")]);

    /// <summary>A diverging map for signed data centred on zero (blue negative, red positive).</summary>
    public static ColorMap Diverging { get; } = new("diverging",
        [Rgb.Parse("#1b3f8b"), Rgb.Parse("#5b8bd0"), Rgb.Parse("#f4f2ef"), Rgb.Parse("#d9675a"), Rgb.Parse("#8b1a1a")]);

    /// <summary>Colour for <paramref name="t"/> in [0, 1] (clamped; NaN → grey).</summary>
    public Rgb Map(double t)
    {
        if (double.IsNaN(t))
        {
            return Rgb.Gray;
        }

        var i = (int)Math.Round(Math.Clamp(t, 0, 1) * 255);
        return _table[i];
    }

    /// <summary>Colour for <paramref name="value"/> between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public Rgb Map(double value, double min, double max) => Map(max > min ? (value - min) / (max - min) : 0.5);

    /// <summary>OKLab conversions (Björn Ottosson's published matrices) over linear sRGB.</summary>
    private readonly record struct OkLab(double L, double A, double B)
    {
        public static OkLab FromRgb(Rgb c)
        {
            double r = ToLinear(c.R), g = ToLinear(c.G), b = ToLinear(c.B);
            var l = Math.Cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
            var m = Math.Cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
            var s = Math.Cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
            return new OkLab(
                0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
                1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
                0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s);
        }

        public static Rgb ToRgb(double lightness, double a, double b)
        {
            var l = Math.Pow(lightness + 0.3963377774 * a + 0.2158037573 * b, 3);
            var m = Math.Pow(lightness - 0.1055613458 * a - 0.0638541728 * b, 3);
            var s = Math.Pow(lightness - 0.0894841775 * a - 1.2914855480 * b, 3);
            return new Rgb(
                FromLinear(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
                FromLinear(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
                FromLinear(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s));
        }

        private static double ToLinear(byte v)
        {
            var c = v / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        private static byte FromLinear(double v)
        {
            v = Math.Clamp(v, 0, 1);
            var c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;
            return (byte)Math.Round(c * 255);
        }
    }
}

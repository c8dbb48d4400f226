using System.Globalization;

namespace HybridLfp.Streaming.Plotting;

/// <summary>An sRGB colour, 8 bits per channel.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    /// <summary>CSS hex form, e.g. <c>#1f77b4</c>.</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Parses <c>#rrggbb</c>.</summary>
    public static Rgb Parse(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new FormatException($"colour '{hex}': expected #rrggbb");
        }

        return new Rgb(
            byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    public static Rgb Black { get; } = new(0, 0, 0);

    public static Rgb Gray { get; } = new(128, 128, 128);

    public override string ToString() => ToHex();
}

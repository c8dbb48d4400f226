namespace HybridLfp.Streaming.Plotting;

/// <summary>Distinct colours for categories (populations, contacts, traces), cycled when there are more categories.</summary>
public static class Palette
{
    private static readonly Rgb[] s_colors =
    [
        Rgb.Parse("#3b6fb6"), // blue
        Rgb.Parse("#d1495b"), // red
        Rgb.Parse("#2e9e6b"), // green
        Rgb.Parse("#e59a2f"), // orange
        Rgb.Parse("#7a5195"), // purple
        Rgb.Parse("#4fb0c6"), // cyan
        Rgb.Parse("#8c6d46"), // brown
        Rgb.Parse("#d264b6"), // pink
        Rgb.Parse("#6b6b6b"), // gray
        Rgb.Parse("#a5b82f"), // olive
    ];

    /// <summary>Colour of category <paramref name="index"/> (≥ 0).</summary>
    public static Rgb Category(int index) => s_colors[((index % s_colors.Length) + s_colors.Length) % s_colors.Length];
}

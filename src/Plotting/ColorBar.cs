namespace HybridLfp.Streaming.Plotting;

/// <summary>A vertical colour scale drawn to the right of an axes, with ticks and a label with unit.</summary>
public sealed class ColorBar(ColorMap map, double min, double max)
{
    public ColorMap Map { get; } = map;

    /// <summary>Value at the bottom of the bar.</summary>
    public double Min { get; } = min;

    /// <summary>Value at the top of the bar.</summary>
    public double Max { get; } = max;

    /// <summary>Quantity name, e.g. "CSD".</summary>
    public string? Label { get; set; }

    /// <summary>Unit, e.g. "nA/µm³".</summary>
    public string? Unit { get; set; }

    /// <summary>Bar width, px.</summary>
    public double WidthPx { get; set; } = 12;

    /// <summary>"label (unit)".</summary>
    public string? Title => Label is null ? Unit : Unit is null ? Label : $"{Label} ({Unit})";
}

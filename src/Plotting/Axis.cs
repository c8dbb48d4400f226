namespace HybridLfp.Streaming.Plotting;

/// <summary>How data map to an axis.</summary>
public enum AxisScale
{
    Linear,
    Logarithmic,
}

/// <summary>A tick at a data value with a custom label (e.g. population names on a raster's y axis).</summary>
public readonly record struct Tick(double Value, string Label);

/// <summary>One axis of an <see cref="Axes"/>: label with unit, optional fixed limits, scale, custom ticks.</summary>
public sealed class Axis
{
    /// <summary>Quantity name, e.g. "time".</summary>
    public string? Label { get; set; }

    /// <summary>Unit shown in parentheses after the label, e.g. "ms".</summary>
    public string? Unit { get; set; }

    /// <summary>Fixed lower limit (data units); null = from the data.</summary>
    public double? Min { get; set; }

    /// <summary>Fixed upper limit (data units); null = from the data.</summary>
    public double? Max { get; set; }

    public AxisScale Scale { get; set; } = AxisScale.Linear;

    /// <summary>Custom ticks replacing the automatic ones.</summary>
    public IReadOnlyList<Tick>? Ticks { get; set; }

    /// <summary>Whether ticks, tick labels and the label are drawn.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>Fraction of the data range added on both sides when the limits come from the data.</summary>
    public double Margin { get; set; } = 0.03;

    /// <summary>"label (unit)", the text drawn along the axis.</summary>
    public string? Title => Label is null ? Unit is null ? null : $"({Unit})" : Unit is null ? Label : $"{Label} ({Unit})";
}

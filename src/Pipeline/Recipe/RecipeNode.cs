using System.Collections.Immutable;
using System.Globalization;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A parsed recipe document, independent of its syntax (YAML or JSON): mappings, sequences and scalars, each with
/// its path in the file (<c>populations.EX.k_yXL[1]</c>) and 1-based line, so every problem can be reported where
/// it is. Immutable.
/// </summary>
public abstract record RecipeNode(string Path, int Line);

/// <summary>A mapping (YAML block/flow mapping, JSON object), keys in file order.</summary>
public sealed record RecipeMapping(string Path, int Line, ImmutableArray<KeyValuePair<string, RecipeNode>> Entries)
    : RecipeNode(Path, Line)
{
    /// <summary>The value of <paramref name="key"/> (exact, case-sensitive), or null.</summary>
    public RecipeNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        return null;
    }
}

/// <summary>A sequence (YAML list, JSON array).</summary>
public sealed record RecipeSequence(string Path, int Line, ImmutableArray<RecipeNode> Items) : RecipeNode(Path, Line);

/// <summary>A scalar; <see cref="Text"/> is null for YAML <c>null</c>/<c>~</c> and JSON <c>null</c>.</summary>
public sealed record RecipeScalar(string Path, int Line, string? Text) : RecipeNode(Path, Line)
{
    public bool IsNull => Text is null;

    /// <summary>Parses as a double (invariant culture, also <c>.inf</c>/<c>-.inf</c>, <c>1e99</c>).</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (Text is null)
        {
            return false;
        }

        var t = Text.Trim();
        switch (t)
        {
            case ".inf" or ".Inf" or "+.inf" or "inf" or "Infinity":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-inf" or "-Infinity":
                value = double.NegativeInfinity;
                return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses as a whole number (also <c>3.0</c>).</summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        if (Text is null)
        {
            return false;
        }

        if (long.TryParse(Text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryGetDouble(out var d) && Math.Abs(d) < 9e15 && Math.Floor(d) == d)
        {
            value = (long)d;
            return true;
        }

        return false;
    }
}

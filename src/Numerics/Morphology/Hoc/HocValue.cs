namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

internal enum HocValueKind
{
    Number,
    String,
    /// <summary>An object reference; <see cref="HocValue.Reference"/> null is hoc's NULLobject.</summary>
    Object,
}

/// <summary>A hoc value: a double, a string, or an object reference.</summary>
internal readonly record struct HocValue(HocValueKind Kind, double Number, object? Reference)
{
    public static HocValue Of(double number) => new(HocValueKind.Number, number, null);

    public static HocValue OfString(string text) => new(HocValueKind.String, 0, text);

    public static HocValue OfObject(object? reference) => new(HocValueKind.Object, 0, reference);
}

/// <summary>hoc's <c>SectionList</c>: section indices in append order.</summary>
internal sealed class HocSectionList
{
    public List<int> Sections { get; } = new();
}

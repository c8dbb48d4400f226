using System.Collections.Immutable;
using System.Text.Json;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Pipeline.Morphology;

/// <summary>
/// Writes the fields that every entry of the reference cases' <c>outputs.sections</c> starts with — name, parent,
/// parent_x, child_x — and the pt3d array, so `hlfp morphology -o` and `hlfp cell` write them identically.
/// </summary>
public static class SectionJsonWriter
{
    /// <summary>Writes <c>name</c>, <c>parent</c> and <c>parent_x</c> (null for a root) and <c>child_x</c>.</summary>
    /// <param name="w">the writer, inside the section's object.</param>
    /// <param name="name">section name.</param>
    /// <param name="parentName">the parent's name, or null for a root section.</param>
    /// <param name="parentX">connection point on the parent, 0..1 (ignored for a root).</param>
    /// <param name="childX">end of this section at the parent, 0 or 1.</param>
    public static void WriteConnection(Utf8JsonWriter w, string name, string? parentName, double parentX, double childX)
    {
        w.WriteString("name", name);
        if (parentName is null)
        {
            w.WriteNull("parent");
            w.WriteNull("parent_x");
        }
        else
        {
            w.WriteString("parent", parentName);
            w.WriteNumber("parent_x", parentX);
        }

        w.WriteNumber("child_x", childX);
    }

    /// <summary>Writes <c>"pt3d": [[x, y, z, diam], …]</c> (µm): the float32 values as the doubles they are, like the reference cases.</summary>
    public static void WritePt3d(Utf8JsonWriter w, ImmutableArray<Pt3dPoint> points)
    {
        w.WriteStartArray("pt3d");
        foreach (var p in points)
        {
            w.WriteStartArray();
            w.WriteNumberValue((double)p.X);
            w.WriteNumberValue((double)p.Y);
            w.WriteNumberValue((double)p.Z);
            w.WriteNumberValue((double)p.Diameter);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}

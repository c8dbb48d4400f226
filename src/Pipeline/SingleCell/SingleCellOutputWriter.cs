using System.Text.Json;
using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Pipeline.Morphology;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>Writes a <see cref="SingleCellRunResult"/> as the <c>outputs</c> object of the reference schema.</summary>
public static class SingleCellOutputWriter
{
    /// <summary>Writes <c>{"outputs": {...}}</c> to <paramref name="stream"/> (doubles round-trip exactly).</summary>
    public static void Write(SingleCellRunResult r, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
        w.WriteStartObject();
        w.WritePropertyName("outputs");
        w.WriteStartObject();
        var m = r.Cell.Morphology;
        w.WriteNumber("totnsegs", m.SegmentCount);
        w.WriteStartObject("nseg_per_section");
        foreach (var s in m.Sections)
        {
            w.WriteNumber(s.Name, s.Nseg);
        }

        w.WriteEndObject();
        w.WriteStartArray("sections");
        foreach (var s in m.Sections)
        {
            w.WriteStartObject();
            SectionJsonWriter.WriteConnection(w, s.Name, s.ParentIndex < 0 ? null : m.Sections[s.ParentIndex].Name, s.ParentX, s.ChildX);
            w.WriteNumber("nseg", s.Nseg);
            w.WriteNumber("L", s.LengthUm);
            w.WriteNumber("Ra", m.RaOhmCm);
            w.WriteNumber("cm", m.CmUfPerCm2);
            SectionJsonWriter.WritePt3d(w, s.Points);
            JsonArrayWriter.WriteVector(w, "arc3d", s.Arc3d.AsSpan());
            if (double.IsNaN(s.LambdaF))
            {
                w.WriteNull("lambda_f");
            }
            else
            {
                w.WriteNumber("lambda_f", s.LambdaF);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        var transformed = r.Case.Transform is not null;
        if (transformed)
        {
            WriteGeometry(w, "geometry_untransformed", r.UntransformedGeometry);
        }
        else
        {
            w.WriteNull("geometry_untransformed");
        }

        WritePosition(w, "somapos_untransformed", r.UntransformedSomaPosition);
        WriteGeometry(w, "geometry", r.Cell.Geometry);
        WritePosition(w, "somapos", r.Cell.SomaPosition);
        w.WriteStartArray("somaidx");
        foreach (var i in r.Cell.SomaIndices)
        {
            w.WriteNumberValue(i);
        }

        w.WriteEndArray();
        w.WriteNumber("ntimes_full", r.FullSampleCount);
        JsonArrayWriter.WriteVector(w, "tvec", r.Traces.TimeMs);
        if (r.Traces.SomaV.Length > 0)
        {
            JsonArrayWriter.WriteVector(w, "somav", r.Traces.SomaV);
        }
        else
        {
            w.WriteNull("somav");
        }

        JsonArrayWriter.WriteMatrix(w, "vmem", r.Traces.Vmem);
        JsonArrayWriter.WriteMatrix(w, "imem", r.Traces.Imem);
        JsonArrayWriter.WriteMatrix(w, "isyn", r.Traces.Isyn);
        JsonArrayWriter.WriteMatrix(w, "cdm", r.Dipole.Moment);
        foreach (var extra in r.ExtraOutputs)
        {
            extra.Write(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteGeometry(Utf8JsonWriter w, string name, CellGeometry g)
    {
        w.WriteStartObject(name);
        WritePairs(w, "x", g.XStart, g.XEnd);
        WritePairs(w, "y", g.YStart, g.YEnd);
        WritePairs(w, "z", g.ZStart, g.ZEnd);
        JsonArrayWriter.WriteVector(w, "d", g.Diameter);
        JsonArrayWriter.WriteVector(w, "area", g.Area);
        JsonArrayWriter.WriteVector(w, "length", g.Length);
        w.WriteEndObject();
    }

    private static void WritePairs(Utf8JsonWriter w, string name, double[] a, double[] b)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < a.Length; i++)
        {
            w.WriteStartArray();
            w.WriteNumberValue(a[i]);
            w.WriteNumberValue(b[i]);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, string name, Position3 p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }
}

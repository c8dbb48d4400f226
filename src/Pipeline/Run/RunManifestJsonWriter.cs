using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// Writes a <see cref="RunManifest"/> as run.json with a plain <see cref="Utf8JsonWriter"/>: the same text as the
/// serializer of <see cref="RunManifestJsonContext"/> (snake_case keys in declaration order, two-space indent, nulls
/// left out, non-finite numbers as "NaN"/"Infinity" strings), which a test checks. Why not the serializer: a run
/// writes this file once, at the very end, and the serializer's first use cost 40–50 ms of start-up work there (its
/// converters and metadata), as much as 10 % of a short run.
/// </summary>
internal static class RunManifestJsonWriter
{
    public static byte[] ToUtf8(RunManifest manifest)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", manifest.Format);
            StringIfSet(w, "recipe", manifest.Recipe);
            w.WriteString("status", manifest.Status);
            Number(w, "dt_ms", manifest.DtMs);
            Number(w, "dt_output_ms", manifest.DtOutputMs);
            Number(w, "tstop_ms", manifest.TstopMs);
            w.WriteNumber("seed", manifest.Seed);

            w.WriteStartArray("populations");
            foreach (var y in manifest.Populations)
            {
                w.WriteStartObject();
                w.WriteString("name", y.Name);
                w.WriteNumber("cells", y.Cells);
                StringIfSet(w, "morphology", y.Morphology);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("network");
            foreach (var x in manifest.Network)
            {
                w.WriteStartObject();
                w.WriteString("name", x.Name);
                w.WriteNumber("first_gid", x.FirstGid);
                w.WriteNumber("count", x.Count);
                Strings(w, "spike_files", x.SpikeFiles);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("probes");
            foreach (var p in manifest.Probes)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("model", p.Model);
                w.WriteNumber("channels", p.Channels);
                w.WriteString("units", p.Units);
                if (p.DepthsUm is { } depths)
                {
                    w.WriteStartArray("depths_um");
                    foreach (var z in depths)
                    {
                        Number(w, null, z);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            Strings(w, "files", manifest.Files);
            if (manifest.Summary is { } s)
            {
                w.WriteStartObject("summary");
                w.WriteNumber("cells", s.Cells);
                w.WriteNumber("compartments", s.Compartments);
                w.WriteNumber("events", s.Events);
                w.WriteNumber("windows", s.Windows);
                Number(w, "simulated_ms", s.SimulatedMs);
                w.WriteNumber("cell_steps", s.CellSteps);
                Number(w, "wall_seconds", s.WallSeconds);
                w.WriteNumber("peak_memory_bytes", s.PeakMemoryBytes);
                Number(w, "compartment_steps_per_second", s.CompartmentStepsPerSecond);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void StringIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, ImmutableArray<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    // The serializer's AllowNamedFloatingPointLiterals: NaN and ±∞ as strings (a run that took no time has ∞ steps/s).
    private static void Number(Utf8JsonWriter w, string? name, double value)
    {
        if (name is not null)
        {
            w.WritePropertyName(name);
        }

        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}

using System.Globalization;
using System.Text.Json;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Pipeline.Morphology;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>
/// `hlfp morphology FILE [-o OUT.json]`: reads an SWC, hoc, Neurolucida .asc or MorphML .xml morphology as NEURON would (before define_shape) and
/// prints one line per section, or writes the sections as JSON in the shape of the reference cases'
/// <c>outputs.sections</c> (name, parent, parent_x, child_x, pt3d) plus logical_connection and nseg.
/// </summary>
internal sealed class MorphologyCommand : ICliCommand
{
    public string Name => "morphology";

    public string Summary => "read an SWC/hoc/asc/xml morphology as NEURON does; list its sections or write them as JSON (-o)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        const string usage = "hlfp morphology FILE [-o OUT.json]";
        var (input, output, help) = CommandLineArguments.ParseInputOutput(args, usage);
        if (help)
        {
            stdout.WriteLine("usage: " + usage);
            return 0;
        }

        var morphology = MorphologyFile.Read(input);
        if (output is null)
        {
            WriteSummary(morphology, stdout);
            return 0;
        }

        await using (var stream = File.Create(output))
        {
            WriteJson(morphology, stream);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        stdout.WriteLine($"{morphology.Sections.Length} sections, {morphology.Sections.Sum(s => s.Points.Length)} points -> {output}");
        return 0;
    }

    private static void WriteSummary(MorphologyDescription morphology, TextWriter stdout)
    {
        stdout.WriteLine($"{morphology.Source}: {morphology.Sections.Length} sections (NEURON order, points before define_shape, µm)");
        foreach (var s in morphology.Sections)
        {
            var parent = s.IsRoot ? "-" : string.Create(
                CultureInfo.InvariantCulture, $"{morphology.Sections[s.ParentIndex].Name}({s.ParentX:R}) <- ({s.ChildX:R})");
            var wire = s.LogicalConnection is { } l
                ? string.Create(CultureInfo.InvariantCulture, $"  logical connection ({l.X:R}, {l.Y:R}, {l.Z:R})")
                : "";
            stdout.WriteLine($"  {s.Name,-12} parent {parent,-24} {s.Points.Length,5} points{wire}");
        }
    }

    private static void WriteJson(MorphologyDescription morphology, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("source", morphology.Source);
        json.WriteStartArray("sections");
        foreach (var s in morphology.Sections)
        {
            json.WriteStartObject();
            SectionJsonWriter.WriteConnection(json, s.Name, s.IsRoot ? null : morphology.Sections[s.ParentIndex].Name, s.ParentX, s.ChildX);
            SectionJsonWriter.WritePt3d(json, s.Points);
            if (s.LogicalConnection is { } l)
            {
                json.WriteStartArray("logical_connection");
                json.WriteNumberValue((double)l.X);
                json.WriteNumberValue((double)l.Y);
                json.WriteNumberValue((double)l.Z);
                json.WriteEndArray();
            }

            if (s.FileNseg is { } nseg)
            {
                json.WriteNumber("nseg", nseg);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

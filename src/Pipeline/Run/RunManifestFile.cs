using System.Collections.Immutable;
using System.Text.Json;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>Writes and reads <c>run.json</c> (<see cref="RunManifest"/>; snake_case keys, indented UTF-8).</summary>
public static class RunManifestFile
{
    /// <summary>Writes OUT/run.json (replacing it); returns its path.</summary>
    public static string Write(string outputDirectory, RunManifest manifest)
    {
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, RunManifest.FileName);
        var temporary = path + ".tmp";
        using (var file = File.Create(temporary))
        {
            file.Write(RunManifestJsonWriter.ToUtf8(manifest));
            file.WriteByte((byte)'\n');
        }

        File.Move(temporary, path, overwrite: true); // never a half-written manifest
        return path;
    }

    /// <summary>Reads OUT/run.json (or the given .json file).</summary>
    public static RunManifest Read(string outputDirectoryOrFile)
    {
        var path = Directory.Exists(outputDirectoryOrFile) ? Path.Combine(outputDirectoryOrFile, RunManifest.FileName) : outputDirectoryOrFile;
        if (!File.Exists(path))
        {
            throw new InputException(path, "no run manifest (run.json) here");
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), RunManifestJsonContext.Default.RunManifest)
                ?? throw new InputException(path, "expected a JSON object, got null");
            if (manifest.Format != RunManifest.CurrentFormat)
            {
                throw new InputException(path, $"format '{manifest.Format}' is not '{RunManifest.CurrentFormat}'");
            }

            return manifest;
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"not a valid run manifest: {e.Message}", (int)(e.LineNumber ?? -1) + 1);
        }
    }

    /// <summary>
    /// A manifest for a run of <paramref name="recipe"/>: populations, network (with spike files), probes from the
    /// probe layouts with depths taken from the probe parameters (<c>z</c>: contact depths, or [top, bottom] bins
    /// whose centres are used), plus the given files and summary.
    /// </summary>
    public static RunManifest Create(RecipeDescription recipe, IReadOnlyList<ProbeLayout> probeLayouts, string? recipePath,
        IEnumerable<string> files, RunSummary? summary, bool complete = true) => new()
        {
            Recipe = recipePath is null ? null : Path.GetFullPath(recipePath),
            Status = complete ? "complete" : "incomplete",
            DtMs = recipe.DtMs,
            DtOutputMs = recipe.DtOutputMs,
            TstopMs = recipe.TstopMs,
            Seed = recipe.Seed,
            Populations = [.. recipe.Populations.Select(y => new RunManifestPopulation(y.Name, y.CellCount, y.Morphology.Path))],
            Network = [.. recipe.Network.Select(x => new RunManifestNetworkPopulation(x.Name, x.FirstGid, x.Count, x.Source.Files))],
            Probes = [.. probeLayouts.Select((layout, i) =>
            {
                var description = i < recipe.Probes.Length ? recipe.Probes[i] : null;
                var depths = description?.Parameters is { } parameters ? Depths(parameters, layout.ChannelCount) : null;
                return new RunManifestProbe(layout.Name, description?.Model ?? layout.Name, layout.ChannelCount, layout.Units, depths);
            })],
            Files = [.. files],
            Summary = summary is null ? null : RunManifestSummary.From(summary),
        };

    private static ImmutableArray<double>? Depths(RecipeMapping parameters, int channels)
    {
        if (parameters.Get("z") is not RecipeSequence z || z.Items.Length != channels)
        {
            return null;
        }

        var depths = new double[channels];
        for (int i = 0; i < channels; i++)
        {
            switch (z.Items[i])
            {
                case RecipeScalar s when s.TryGetDouble(out var v):
                    depths[i] = v;
                    break;
                case RecipeSequence { Items: [RecipeScalar a, RecipeScalar b] } when a.TryGetDouble(out var top) && b.TryGetDouble(out var bottom):
                    depths[i] = 0.5 * (top + bottom);
                    break;
                default:
                    return null;
            }
        }

        return [.. depths];
    }
}

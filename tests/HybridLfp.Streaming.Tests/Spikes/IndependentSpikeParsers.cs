using System.Diagnostics;
using System.Globalization;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Expected statistics of one population, computed without the code under test.</summary>
internal sealed class ExpectedPopulation
{
    public long Count;
    public double TMin = double.PositiveInfinity;
    public double TMax = double.NegativeInfinity;
    public long IdMin = long.MaxValue;
    public long IdMax = long.MinValue;
    public long IdSum;
    public decimal TSum;

    public void Add(long id, string timeText)
    {
        double t = double.Parse(timeText, CultureInfo.InvariantCulture);
        Count++;
        TMin = Math.Min(TMin, t);
        TMax = Math.Max(TMax, t);
        IdMin = Math.Min(IdMin, id);
        IdMax = Math.Max(IdMax, id);
        IdSum += id;
        TSum += decimal.Parse(timeText, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Tiny independent readers for the test's expected values: string splitting for text files and h5dump's output
/// for HDF5 files. They share no code with the readers under test.
/// </summary>
internal static class IndependentSpikeParsers
{
    /// <summary>Population ranges "first last" per row from a NEST ranges file, named pop0, pop1, ….</summary>
    public static List<(string Name, long First, long Last)> Ranges(string folder)
    {
        foreach (var name in (string[])["population_nodeids.dat", "population_GIDs.dat"])
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return File.ReadAllLines(path)
                    .Where(l => l.Trim().Length > 0)
                    .Select((l, i) =>
                    {
                        var parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        return ($"pop{i}", long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
                    })
                    .ToList();
            }
        }

        return [];
    }

    /// <summary>Per-population statistics of all NEST text files in a folder.</summary>
    public static Dictionary<string, ExpectedPopulation> NestFolder(string folder)
    {
        var ranges = Ranges(folder);
        var result = new Dictionary<string, ExpectedPopulation>();
        foreach (var file in Directory.GetFiles(folder).Where(f => (f.EndsWith(".gdf") || f.EndsWith(".dat")) && !Path.GetFileName(f).StartsWith("population_")))
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id))
                {
                    continue; // header or column line
                }

                string population = ranges.Count == 0 ? "all" : ranges.FirstOrDefault(r => id >= r.First && id <= r.Last).Name ?? "(unassigned)";
                if (!result.TryGetValue(population, out var stats))
                {
                    result[population] = stats = new ExpectedPopulation();
                }

                stats.Add(id, parts[1]);
            }
        }

        return result;
    }

    /// <summary>Per-population statistics of a SONATA file from h5dump's text output.</summary>
    public static Dictionary<string, ExpectedPopulation> SonataViaH5dump(string file)
    {
        var result = new Dictionary<string, ExpectedPopulation>();
        var datasets = RunH5dump("-n", file)
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("dataset", StringComparison.Ordinal))
            .Select(l => l["dataset".Length..].Trim())
            .ToList();
        foreach (var timestamps in datasets.Where(d => d.EndsWith("/timestamps", StringComparison.Ordinal)))
        {
            var group = timestamps[..timestamps.LastIndexOf('/')];
            var idPath = datasets.Contains(group + "/node_ids") ? group + "/node_ids" : group + "/gids";
            var population = group == "/spikes" ? "(legacy)" : group[(group.LastIndexOf('/') + 1)..];
            var ids = DumpValues(file, idPath);
            var times = DumpValues(file, timestamps);
            Assert.Equal(ids.Count, times.Count);
            var stats = new ExpectedPopulation();
            for (int i = 0; i < ids.Count; i++)
            {
                stats.Add(long.Parse(ids[i], CultureInfo.InvariantCulture), times[i]);
            }

            result[population] = stats;
        }

        return result;
    }

    private static List<string> DumpValues(string file, string dataset)
    {
        var text = RunH5dump("-y", "-w", "0", "-A", "0", "-m", "%.17g", "-d", dataset, file);
        int start = text.IndexOf("DATA {", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        start += "DATA {".Length;
        int end = text.IndexOf('}', start);
        return text[start..end].Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static string RunH5dump(params string[] args)
    {
        var info = new ProcessStartInfo("h5dump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}

using System.Globalization;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Plotting.Figures;
using HybridLfp.Streaming.Plotting.Report;

namespace HybridLfp.Streaming.Pipeline.Reporting;

/// <summary>
/// Builds the HTML report of a finished (or stopped) run from what it wrote: <c>run.json</c> (optional: summary,
/// populations, probe depths, spike files) and <c>signals.h5</c> (the summed signal of every probe). The first
/// probe in mV (a RecExtElectrode) becomes the laminar LFP, the first in nA/µm³ the CSD image, the others trace
/// sets; spectra are those of the LFP. Input spikes are read with the spike readers and split into network
/// populations by gid range. Loads whole signals and spike trains into memory (reports are for runs one looks at).
/// </summary>
public static class RunOutputReport
{
    /// <summary>Report file name inside an output folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report (default OUT/report.html); returns its path.</summary>
    public static async Task<string> WriteAsync(string outputDirectory, string? reportPath = null, CancellationToken cancellationToken = default)
    {
        var report = await BuildAsync(outputDirectory, cancellationToken).ConfigureAwait(false);
        var path = reportPath ?? Path.Combine(outputDirectory, FileName);
        report.Save(path);
        return path;
    }

    /// <summary>The report of the run in <paramref name="outputDirectory"/>, filled but not saved.</summary>
    public static async Task<RunReport> BuildAsync(string outputDirectory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(outputDirectory))
        {
            throw new InputException(outputDirectory, "no such output folder");
        }

        var manifestPath = Path.Combine(outputDirectory, RunManifest.FileName);
        var manifest = File.Exists(manifestPath) ? RunManifestFile.Read(manifestPath) : null;
        var signalsPath = Hdf5SignalFiles.SignalsPath(outputDirectory);
        if (manifest is null && !File.Exists(signalsPath))
        {
            throw new InputException(outputDirectory, $"neither {RunManifest.FileName} nor {Hdf5SignalFiles.SignalsFileName} found: is this a run's output folder?");
        }

        var report = new RunReport { Title = $"hlfp run report: {Path.GetFileName(Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar))}" };
        AddSummary(report, manifest, outputDirectory);
        if (File.Exists(signalsPath))
        {
            AddSignals(report, manifest, signalsPath);
        }

        if (manifest is not null)
        {
            var spikes = await ReadSpikesAsync(manifest, outputDirectory, cancellationToken).ConfigureAwait(false);
            if (spikes.Count > 0)
            {
                report.Spikes = spikes;
                report.TStartMs = 0;
                report.TStopMs = manifest.TstopMs;
            }
        }

        return report;
    }

    private static void AddSummary(RunReport report, RunManifest? m, string outputDirectory)
    {
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        report.AddSummary("output folder", Path.GetFullPath(outputDirectory));
        if (m is null)
        {
            report.AddSummary("run manifest", "none (report from signals.h5 only)");
            return;
        }

        report.AddSummary("recipe", m.Recipe ?? "built in code");
        report.AddSummary("status", m.Status);
        report.AddSummary("dt / dt_output / tstop", $"{F(m.DtMs)} ms / {F(m.DtOutputMs)} ms / {F(m.TstopMs)} ms");
        report.AddSummary("seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        report.AddSummary("populations", string.Join(", ", m.Populations.Select(p => $"{p.Name}: {p.Cells} cells")));
        report.AddSummary("network", string.Join(", ", m.Network.Select(x => $"{x.Name}: gids {x.FirstGid}–{x.FirstGid + x.Count - 1}")));
        report.AddSummary("probes", string.Join(", ", m.Probes.Select(p => $"{p.Name} ({p.Model}, {p.Channels} channels, {p.Units})")));
        if (m.Summary is { } s)
        {
            report.AddSummary("cells / compartments", $"{s.Cells} / {s.Compartments}");
            report.AddSummary("synaptic events", s.Events.ToString(CultureInfo.InvariantCulture));
            report.AddSummary("windows", s.Windows.ToString(CultureInfo.InvariantCulture));
            report.AddSummary("wall time", $"{s.WallSeconds:F3} s ({F(s.SimulatedMs / Math.Max(s.WallSeconds, 1e-9))} simulated ms per s)");
            report.AddSummary("compartment-steps per second", s.CompartmentStepsPerSecond.ToString("E3", CultureInfo.InvariantCulture));
            report.AddSummary("peak memory", $"{s.PeakMemoryBytes / (1024.0 * 1024.0):F1} MiB");
        }

        if (m.Files.Length > 0)
        {
            report.AddSummary("files", string.Join(", ", m.Files));
        }
    }

    private static void AddSignals(RunReport report, RunManifest? manifest, string signalsPath)
    {
        using var reader = Hdf5SignalReader.Open(signalsPath);
        var probeOrder = manifest?.Probes.Select(p => p.Name).Where(reader.Probes.Contains).ToList() ?? [];
        probeOrder.AddRange(reader.Probes.Where(p => !probeOrder.Contains(p)));
        foreach (var probe in probeOrder)
        {
            var signal = reader.Read(probe, Hdf5SignalFiles.SumDatasetName);
            if (signal.Samples < 2)
            {
                continue;
            }

            var description = manifest?.Probes.FirstOrDefault(p => p.Name == probe);
            var model = description?.Model ?? probe;
            double[] depths = description?.DepthsUm is { } d && d.Length == signal.Channels
                ? [.. d]
                : [.. Enumerable.Range(0, signal.Channels).Select(c => -100.0 * c)]; // unknown geometry: channel order, 100 µm apart
            var times = signal.TimesMs();
            var rows = signal.Rows();
            if (report.Lfp is null && signal.Units == "mV" && model.Contains("Electrode", StringComparison.Ordinal))
            {
                report.Lfp = new LaminarSignal($"LFP ({probe})", signal.Units, times, depths, rows);
            }
            else if (report.Csd is null && signal.Units == "nA/µm³")
            {
                report.Csd = new LaminarSignal($"CSD ({probe})", signal.Units, times, depths, rows);
            }
            else
            {
                report.Traces.Add(new TraceSet(probe, signal.Units, times, rows,
                    [.. Enumerable.Range(0, signal.Channels).Select(c => $"{probe}[{c}]")]));
            }
        }
    }

    private static async Task<List<PopulationSpikes>> ReadSpikesAsync(RunManifest manifest, string outputDirectory, CancellationToken cancellationToken)
    {
        var result = new List<PopulationSpikes>();
        var files = manifest.Network.SelectMany(x => x.SpikeFiles)
            .Select(f => Path.IsPathRooted(f) ? f : Path.Combine(outputDirectory, f))
            .Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return result;
        }

        var missing = files.Where(f => !File.Exists(f) && !Directory.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(Path.Combine(outputDirectory, RunManifest.FileName), $"spike files listed but not found: {string.Join(", ", missing)}");
        }

        var times = manifest.Network.Select(_ => new List<double>()).ToArray();
        var ids = manifest.Network.Select(_ => new List<long>()).ToArray();
        var source = SpikeFiles.Open(files, SpikeReaderOptions.Default);
        await foreach (var chunk in source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (chunk)
            {
                foreach (var spike in chunk.Spikes)
                {
                    for (int x = 0; x < manifest.Network.Length; x++)
                    {
                        var population = manifest.Network[x];
                        if (spike.NodeId >= population.FirstGid && spike.NodeId < population.FirstGid + population.Count)
                        {
                            times[x].Add(spike.TimeMs);
                            ids[x].Add(spike.NodeId);
                            break;
                        }
                    }
                }
            }
        }

        for (int x = 0; x < manifest.Network.Length; x++)
        {
            result.Add(new PopulationSpikes(manifest.Network[x].Name, [.. times[x]], [.. ids[x]], (int)manifest.Network[x].Count));
        }

        return result;
    }
}

using System.Globalization;
using System.Text.Json;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>
/// `hlfp spikes info FILES… [--json]`: per file argument (a folder = all its spike files, merged), per population:
/// count, t_min, t_max (ms), node-id min/max, sum of ids, sum of times (ms) and mean rate (Hz per node id in range).
/// </summary>
internal static class SpikesInfoCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (options, rest) = SpikeReaderArguments.Parse(args);
        bool json = rest.Remove("--json");
        var unknown = rest.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal));
        if (unknown is not null)
        {
            throw new InputException(unknown, "unknown option for 'hlfp spikes info'");
        }

        if (rest.Count == 0)
        {
            throw new InputException("hlfp spikes info", "give at least one spike file or folder");
        }

        var results = new List<(string Path, SpikeStatistics Statistics)>();
        foreach (var path in rest)
        {
            var source = SpikeFiles.Open([path], options);
            var statistics = await SpikeStatistics.CollectAsync(source, cancellationToken).ConfigureAwait(false);
            if (statistics.OrderViolations != 0)
            {
                throw new InvalidOperationException($"internal error: {path} was not streamed in time order");
            }

            results.Add((path, statistics));
        }

        if (json)
        {
            WriteJson(results, stdout);
        }
        else
        {
            WriteText(results, stdout);
        }

        SpikeReaderArguments.ReportMalformed(options, stderr);
        return 0;
    }

    private static void WriteJson(List<(string Path, SpikeStatistics Statistics)> results, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("files");
            foreach (var (path, statistics) in results)
            {
                writer.WriteStartObject();
                writer.WriteString("path", path);
                writer.WriteStartObject("populations");
                foreach (var name in statistics.Order)
                {
                    var s = statistics.Populations[name];
                    writer.WriteStartObject(name);
                    writer.WriteNumber("count", s.Count);
                    if (s.Count == 0)
                    {
                        foreach (var key in (string[])["t_min", "t_max", "id_min", "id_max"])
                        {
                            writer.WriteNull(key);
                        }

                        writer.WriteNumber("id_sum", 0);
                        writer.WriteNumber("t_sum", 0.0);
                    }
                    else
                    {
                        writer.WriteNumber("t_min", s.TMinMs);
                        writer.WriteNumber("t_max", s.TMaxMs);
                        writer.WriteNumber("id_min", s.IdMin);
                        writer.WriteNumber("id_max", s.IdMax);
                        writer.WritePropertyName("id_sum");
                        writer.WriteRawValue(s.IdSum.ToString(CultureInfo.InvariantCulture));
                        writer.WriteNumber("t_sum", s.TSumMs);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteText(List<(string Path, SpikeStatistics Statistics)> results, TextWriter stdout)
    {
        var ci = CultureInfo.InvariantCulture;
        foreach (var (path, statistics) in results)
        {
            stdout.WriteLine(path);
            stdout.WriteLine($"  {"population",-16} {"count",10} {"t_min/ms",10} {"t_max/ms",10} {"id_min",8} {"id_max",8} {"id_sum",14} {"t_sum/ms",16} {"rate/Hz",8}");
            foreach (var name in statistics.Order)
            {
                var s = statistics.Populations[name];
                if (s.Count == 0)
                {
                    stdout.WriteLine($"  {name,-16} {0,10}");
                    continue;
                }

                // Mean rate per node id in [id_min, id_max] over [t_min, t_max].
                double durationS = (s.TMaxMs - s.TMinMs) / 1000.0;
                double nodes = s.IdMax - s.IdMin + 1;
                string rate = durationS > 0 ? (s.Count / (nodes * durationS)).ToString("0.###", ci) : "-";
                stdout.WriteLine(string.Create(ci, $"  {name,-16} {s.Count,10} {s.TMinMs,10:0.###} {s.TMaxMs,10:0.###} {s.IdMin,8} {s.IdMax,8} {s.IdSum,14} {s.TSumMs,16:0.###} {rate,8}"));
            }
        }
    }
}

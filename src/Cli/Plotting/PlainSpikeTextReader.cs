using System.Globalization;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Plotting.Figures;

namespace HybridLfp.Streaming.Cli.Plotting;

/// <summary>
/// TEMPORARY, to be replaced by the spike I/O readers (branch `spikes`) once they are on main: reads whitespace-
/// separated `gid time_ms` lines (NEST 2 .gdf, NEST 3 .dat with its `#` comments and `sender time_ms` header, plain
/// text) into one population per file, all in memory. Only for `hlfp plot`.
/// </summary>
internal static class PlainSpikeTextReader
{
    public static PopulationSpikes Read(string path, string name, int? size = null)
    {
        var times = new List<double>();
        var ids = new List<long>();
        foreach (var (lineNumber, text) in TextDataLines.Read(path))
        {
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var idOk = long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id);
            if (!idOk && ids.Count == 0 && !char.IsDigit(fields[0][0]))
            {
                continue; // a column header such as "sender time_ms" before the data
            }

            if (!idOk || fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
            {
                throw new InputException(path, $"expected 'gid time_ms' (an integer and a number), got '{Shorten(text)}'", lineNumber);
            }

            ids.Add(id);
            times.Add(t);
        }

        return new PopulationSpikes(name, [.. times], [.. ids], size);
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}

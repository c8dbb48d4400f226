using System.Globalization;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Population gid ranges of a NEST network, from the <c>population_nodeids.dat</c> (NEST 3) or
/// <c>population_GIDs.dat</c> (NEST 2) file hybridLFPy's examples write beside the spike files: one row per
/// population, "first last" (inclusive), optionally preceded by a name. Unnamed rows are called "pop0", "pop1", …
/// unless names are given.
/// </summary>
public sealed class NestPopulationRanges
{
    /// <summary>File names looked for beside NEST spike files, in order.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["population_nodeids.dat", "population_GIDs.dat"];

    /// <summary>Name given to spikes whose gid lies in no range.</summary>
    public const string Unassigned = "(unassigned)";

    private readonly long[] _first;
    private readonly long[] _last;

    private NestPopulationRanges(string path, IReadOnlyList<string> names, long[] first, long[] last)
    {
        Path = path;
        Names = names;
        _first = first;
        _last = last;
    }

    /// <summary>The file the ranges came from.</summary>
    public string Path { get; }

    /// <summary>Population names, in row order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>First gid of each population (inclusive).</summary>
    public ReadOnlySpan<long> First => _first;

    /// <summary>Last gid of each population (inclusive).</summary>
    public ReadOnlySpan<long> Last => _last;

    /// <summary>The ranges file beside <paramref name="spikeFile"/>, or null when there is none.</summary>
    public static NestPopulationRanges? FindBeside(string spikeFile, IReadOnlyList<string>? names = null)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(spikeFile)) ?? ".";
        foreach (var candidate in FileNames)
        {
            var path = System.IO.Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return Load(path, names);
            }
        }

        return null;
    }

    public static NestPopulationRanges Load(string path, IReadOnlyList<string>? names = null)
    {
        var rowNames = new List<string>();
        var first = new List<long>();
        var last = new List<long>();
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tokens = line.Split((char[])[' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            int offset = tokens.Length == 3 ? 1 : 0;
            if (tokens.Length is not (2 or 3)
                || !long.TryParse(tokens[offset], NumberStyles.Integer, CultureInfo.InvariantCulture, out long a)
                || !long.TryParse(tokens[offset + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long b)
                || b < a)
            {
                throw new InputException(path, $"expected 'first last' gids (optionally after a name), got '{line}'", lineNumber);
            }

            rowNames.Add(offset == 1 ? tokens[0] : $"pop{first.Count}");
            first.Add(a);
            last.Add(b);
        }

        if (names is not null)
        {
            if (names.Count != first.Count)
            {
                throw new InputException(path, $"has {first.Count} population rows but {names.Count} names were given");
            }

            rowNames = [.. names];
        }

        return new NestPopulationRanges(path, rowNames, [.. first], [.. last]);
    }

    /// <summary>Row index of the population holding <paramref name="gid"/>, or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long gid)
    {
        int lo = 0;
        int hi = _first.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (gid < _first[mid])
            {
                hi = mid - 1;
            }
            else if (gid > _last[mid])
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }
}

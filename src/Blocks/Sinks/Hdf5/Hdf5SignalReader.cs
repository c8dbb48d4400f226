using HybridLfp.Streaming.Blocks.Interop.Hdf5;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Reads what <see cref="Hdf5SignalSink"/> wrote: the probes (groups) and populations (datasets) of
/// <c>signals.h5</c>, each signal whole, with its attributes; and hybridLFPy's <c>data</c>/<c>srate</c> files.
/// Loads whole signals into memory (for reports and tests, not for streaming). Threading: one thread at a time.
/// </summary>
public sealed class Hdf5SignalReader : IDisposable
{
    private readonly Hdf5File _file;

    private Hdf5SignalReader(Hdf5File file, IReadOnlyList<string> probes)
    {
        _file = file;
        Probes = probes;
    }

    /// <summary>File path.</summary>
    public string FileName => _file.FileName;

    /// <summary>Probe group names (HDF5 name order).</summary>
    public IReadOnlyList<string> Probes { get; }

    /// <summary>The root's <c>status</c>: "complete", "incomplete" or "running" (the writer did not close it); null if absent.</summary>
    public string? Status => _file.ReadAttributeAsText("status");

    /// <summary>Opens a <c>signals.h5</c> read-only.</summary>
    public static Hdf5SignalReader Open(string path)
    {
        var file = Hdf5File.OpenRead(path);
        try
        {
            var probes = file.ChildNames().Where(n => file.KindOf(n) == Hdf5ChildKind.Group).ToList();
            return new Hdf5SignalReader(file, probes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Dataset names in a probe group: the populations in the writer's order, then <c>sum</c>.</summary>
    public IReadOnlyList<string> Populations(string probe)
    {
        using var group = OpenProbe(probe);
        var names = group.ChildNames().Where(n => group.KindOf(n) == Hdf5ChildKind.Dataset).ToList();
        var order = _file.ReadAttributeAsText("populations")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return [.. names.OrderBy(n => n == Hdf5SignalFiles.SumDatasetName ? int.MaxValue : Array.IndexOf(order, n) is var i and >= 0 ? i : int.MaxValue - 1)
            .ThenBy(n => n, StringComparer.Ordinal)];
    }

    /// <summary>Units attribute of a probe group.</summary>
    public string Units(string probe)
    {
        using var group = OpenProbe(probe);
        return group.ReadAttributeAsText("units") ?? string.Empty;
    }

    /// <summary>One signal (population name or <c>sum</c>) of a probe, whole.</summary>
    public SignalMatrix Read(string probe, string population)
    {
        using var group = OpenProbe(probe);
        if (group.KindOf(population) != Hdf5ChildKind.Dataset)
        {
            throw new InputException(FileName, $"group '/{probe}' has no dataset '{population}'");
        }

        using var dataset = group.OpenMatrix(population);
        if (dataset.Rank != 2)
        {
            throw new InputException(FileName, $"'/{probe}/{population}' has rank {dataset.Rank}; expected (channels, samples)");
        }

        var dt = dataset.ReadDoubleAttribute("dt_output_ms")
            ?? throw new InputException(FileName, $"'/{probe}/{population}' has no attribute 'dt_output_ms'");
        return new SignalMatrix(probe, population, (int)dataset.Rows, dataset.Columns, dataset.ReadAll(),
            dataset.ReadAttributeAsText("units") ?? string.Empty, dt);
    }

    /// <summary>Storage facts of a dataset, for checks: chunk shape and whether it can grow along samples.</summary>
    public (long Rows, long Columns, (long Rows, long Columns)? Chunk, bool Extendible) Layout(string probe, string population)
    {
        using var group = OpenProbe(probe);
        using var dataset = group.OpenMatrix(population);
        return (dataset.Rows, dataset.Columns, dataset.Chunk, dataset.MaxColumns == ulong.MaxValue);
    }

    /// <summary>Reads a hybridLFPy file (<c>data</c> of shape (channels, samples) and <c>srate</c>, Hz).</summary>
    public static (double[][] Data, double SrateHz) ReadHybridLfpyFile(string path)
    {
        using var file = Hdf5File.OpenRead(path);
        using var data = file.OpenMatrix("data");
        double srate;
        if (file.KindOf("srate") == Hdf5ChildKind.Dataset)
        {
            using var s = file.OpenMatrix("srate");
            srate = s.ReadAll()[0];
        }
        else
        {
            srate = data.ReadDoubleAttribute("srate") ?? throw new InputException(path, "no 'srate' dataset or attribute");
        }

        var values = data.ReadAll();
        var rows = new double[data.Rows][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = values.AsSpan((int)(r * data.Columns), (int)data.Columns).ToArray();
        }

        return (rows, srate);
    }

    private Hdf5Group OpenProbe(string probe)
    {
        if (!Probes.Contains(probe))
        {
            throw new InputException(FileName, $"no probe group '/{probe}'; the file has {string.Join(", ", Probes.Select(p => "/" + p))}");
        }

        return _file.OpenGroup(probe);
    }

    public void Dispose() => _file.Dispose();
}

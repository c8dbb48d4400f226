using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>
/// Several named probes of one cell (electrodes, CDM, EEG, …) stacked into one transformation matrix, so the
/// currents of each block are read once for all of them. <see cref="Layout"/> names the rows of each probe; results
/// recorded from the stacked sink are split back by name with <see cref="Split"/>. Immutable after construction.
/// </summary>
public sealed class ProbeSet
{
    private readonly Dictionary<string, ProbeRows> _byName;

    /// <summary>The stacked matrix (Σ rows × n_seg).</summary>
    public TransformationMatrix Stacked { get; }

    /// <summary>Each probe's name, matrix and row range in <see cref="Stacked"/>, in the given order.</summary>
    public IReadOnlyList<ProbeRows> Layout { get; }

    public ProbeSet(IReadOnlyList<(string Name, TransformationMatrix Matrix)> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        if (probes.Count == 0)
        {
            throw new ArgumentException("at least one probe is needed.", nameof(probes));
        }

        var columns = probes[0].Matrix.Columns;
        var layout = new List<ProbeRows>();
        var values = new List<double>();
        var row = 0;
        foreach (var (name, m) in probes)
        {
            if (m.Columns != columns)
            {
                throw new ArgumentException($"probe '{name}' has {m.Columns} columns; the others have {columns} (one per segment).", nameof(probes));
            }

            layout.Add(new ProbeRows(name, m, row, m.Rows));
            values.AddRange(m.Values);
            row += m.Rows;
        }

        Stacked = new TransformationMatrix(row, columns, [.. values]);
        Layout = layout;
        _byName = layout.ToDictionary(l => l.Name, StringComparer.Ordinal);
    }

    /// <summary>The probe of that name.</summary>
    public ProbeRows this[string name] => _byName.TryGetValue(name, out var rows) ? rows : throw new KeyNotFoundException($"no probe '{name}'.");

    /// <summary>A run-time sink projecting through the stacked matrix in blocks of <paramref name="blockSamples"/>.</summary>
    public IMembraneCurrentSink CreateSink(IProjectionReceiver receiver, int blockSamples = ProjectionSink.DefaultBlockSamples) => new ProjectionSink(Stacked, receiver, blockSamples);

    /// <summary>Splits stacked results (Σ rows × time) into one array per probe.</summary>
    public Dictionary<string, double[][]> Split(double[][] stackedRows)
    {
        if (stackedRows.Length != Stacked.Rows)
        {
            throw new ArgumentException($"{stackedRows.Length} rows given; the set has {Stacked.Rows}.", nameof(stackedRows));
        }

        return Layout.ToDictionary(l => l.Name, l => stackedRows[l.FirstRow..(l.FirstRow + l.RowCount)], StringComparer.Ordinal);
    }
}

/// <summary>One probe of a <see cref="ProbeSet"/>: its matrix and where its rows sit in the stacked matrix.</summary>
public sealed record ProbeRows(string Name, TransformationMatrix Matrix, int FirstRow, int RowCount);

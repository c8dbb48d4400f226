using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// Writes the own signals of kept cells, one HDF5 file per cell: <c>OUT/cells/&lt;y&gt;_cell&lt;k&gt;.h5</c> (see
/// <see cref="PathOf"/>) laid out as <c>signals.h5</c> restricted to that cell, so <see cref="Hdf5SignalReader"/> reads it:
/// one group per probe with one float64 dataset named after the population, shape (channels, samples), chunked and
/// extendible along samples. Windows are short (often one output sample), so each cell's samples are gathered in a
/// fixed block of <see cref="BlockSamples"/> samples and appended as one hyperslab when it fills, and at
/// <see cref="Complete"/> (also after a fault or cancel): memory is fixed (kept cells × channels × block), never growing
/// with the duration, and libhdf5 is called ~block times less often than per window. Attributes as in
/// <c>signals.h5</c> (<c>units</c>, <c>dt_output_ms</c> ms, <c>srate_Hz</c> Hz); the root also carries
/// <c>population</c>, <c>cell_index</c> and <c>status</c> ("running", then "complete" or "incomplete").
/// One instance serves the kept cells of one cell batch: because a cell's file is written only by the rank and
/// thread that simulate its batch, the files are the same for any thread or MPI rank count.
/// Ownership and threading: owns its files; one call at a time (the batch kernel's thread); every libhdf5 call holds
/// <see cref="Hdf5Library.Gate"/>.
/// </summary>
public sealed class Hdf5CellContributionWriter : ICellContributionSink
{
    /// <summary>Folder (inside the output folder) of the kept single-cell files.</summary>
    public const string CellsFolder = "cells";

    private readonly Hdf5OwnedObjects _owned = new();
    private readonly Hdf5File[] _files;
    private readonly Hdf5ColumnStage[][] _stages; // [kept cell][probe] (null for a cell whose file failed to open)
    private bool _closed;

    /// <summary>Samples gathered per cell and probe before one append to the file.</summary>
    public const int BlockSamples = 128;

    /// <summary>Creates the files of <paramref name="cellIndices"/> (cells of <paramref name="population"/>) right away, empty and readable.</summary>
    /// <param name="outputDirectory">run output folder; files go to its <c>cells/</c> subfolder (created if missing).</param>
    /// <param name="population">population name.</param>
    /// <param name="cellIndices">kept cells (indices within the population), in the order of <see cref="Append"/>'s keptCell.</param>
    /// <param name="probes">probe layouts, in the order of <see cref="Append"/>'s probe.</param>
    /// <param name="dtOutputMs">output sampling interval, ms.</param>
    public Hdf5CellContributionWriter(string outputDirectory, string population, IReadOnlyList<int> cellIndices, IReadOnlyList<ProbeLayout> probes,
        double dtOutputMs)
    {
        if (!(dtOutputMs > 0) || double.IsInfinity(dtOutputMs))
        {
            throw new ArgumentOutOfRangeException(nameof(dtOutputMs), dtOutputMs, "dt_output must be a positive number of ms");
        }

        _files = new Hdf5File[cellIndices.Count];
        _stages = new Hdf5ColumnStage[cellIndices.Count][];
        Directory.CreateDirectory(Path.Combine(outputDirectory, CellsFolder));
        double srateHz = 1000.0 / dtOutputMs;
        try
        {
            for (int k = 0; k < cellIndices.Count; k++)
            {
                var file = Own(Hdf5File.Create(PathOf(outputDirectory, population, cellIndices[k])));
                _files[k] = file;
                file.WriteUtf8Attribute("status", "running");
                file.WriteUtf8Attribute("population", population);
                file.WriteUtf8Attribute("populations", population);
                file.WriteDoubleAttribute("cell_index", cellIndices[k]);
                file.WriteDoubleAttribute("dt_output_ms", dtOutputMs);
                file.WriteDoubleAttribute("srate_Hz", srateHz);
                var stages = new Hdf5ColumnStage[probes.Count];
                for (int p = 0; p < probes.Count; p++)
                {
                    var group = Own(file.CreateGroup(probes[p].Name));
                    group.WriteUtf8Attribute("units", probes[p].Units);
                    group.WriteDoubleAttribute("dt_output_ms", dtOutputMs);
                    group.WriteDoubleAttribute("srate_Hz", srateHz);
                    group.WriteDoubleAttribute("channels", probes[p].ChannelCount);
                    // ~64 KiB chunks along samples, as signals.h5.
                    var dataset = Own(group.CreateExtendibleMatrix(population, probes[p].ChannelCount, Math.Max(64, 8192 / Math.Max(1, probes[p].ChannelCount))));
                    dataset.WriteUtf8Attribute("units", probes[p].Units);
                    dataset.WriteDoubleAttribute("dt_output_ms", dtOutputMs);
                    dataset.WriteDoubleAttribute("srate_Hz", srateHz);
                    stages[p] = new Hdf5ColumnStage(probes[p].ChannelCount, BlockSamples, dataset);
                }

                _stages[k] = stages;
                file.Flush();
            }
        }
        catch
        {
            Complete(success: false);
            throw;
        }
    }

    /// <summary>OUT/cells/&lt;population&gt;_cell&lt;cellIndex&gt;.h5.</summary>
    public static string PathOf(string outputDirectory, string population, int cellIndex) =>
        Path.Combine(outputDirectory, CellsFolder, string.Create(CultureInfo.InvariantCulture, $"{population}_cell{cellIndex}.h5"));

    public void Append(int keptCell, int probe, ReadOnlySpan<double> sampleMajor, int sampleCount)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        _stages[keptCell][probe].AppendSampleMajor(sampleMajor, sampleCount);
    }

    public void Complete(bool success)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        List<Exception>? errors = null;

        // What was computed is kept, also after a fault or cancel.
        foreach (var stages in _stages)
        {
            foreach (var stage in stages ?? [])
            {
                try
                {
                    stage.Flush();
                }
                catch (Hdf5Exception e)
                {
                    (errors ??= []).Add(e);
                }
            }
        }

        foreach (var file in _files)
        {
            try
            {
                file?.WriteUtf8Attribute("status", success ? "complete" : "incomplete", replace: true);
            }
            catch (Hdf5Exception e)
            {
                (errors ??= []).Add(e);
            }
        }

        _owned.DisposeAll(ref errors);
        if (errors is not null)
        {
            throw new AggregateException("closing the single-cell HDF5 files", errors);
        }
    }

    /// <summary>Closes the files as incomplete unless <see cref="Complete"/> was called.</summary>
    public void Dispose() => Complete(success: false);

    private T Own<T>(T item)
        where T : IDisposable => _owned.Add(item);
}

using System.Collections.Immutable;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Outputs;

/// <summary>
/// The kept single-cell contributions of a run: the cells of <see cref="SingleCellSelection"/> write their own probe
/// signals to <c>OUT/cells/&lt;y&gt;_cell&lt;k&gt;.h5</c> (<see cref="Hdf5CellContributionWriter"/>), appended window by
/// window by the kernel of their batch. The engine's kernel factory asks <see cref="Open"/> for each batch it creates;
/// a batch without kept cells gets no tap, and a run with fraction 0 has no instance at all (the hot path is untouched).
/// Under MPI every rank holds one and opens the files of its own batches only (a shared output folder is assumed).
/// Ownership and threading: owns the sinks it opened; <see cref="Open"/> may be called from several threads;
/// <see cref="Complete"/> / <see cref="Dispose"/> after the run.
/// </summary>
public sealed class SingleCellContributions : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ICellContributionSink> _sinks = [];
    private readonly RecipeDescription _recipe;
    private readonly IReadOnlyList<ProbeLayout> _probes;
    private bool _closed;

    /// <param name="recipe">the recipe (its <see cref="RecipeDescription.SingleCellFraction"/> chooses the cells).</param>
    /// <param name="probes">probe layouts, in recipe order.</param>
    /// <param name="outputDirectory">the run's output folder.</param>
    public SingleCellContributions(RecipeDescription recipe, IReadOnlyList<ProbeLayout> probes, string outputDirectory)
    {
        _recipe = recipe;
        _probes = probes;
        OutputDirectory = outputDirectory;
        Kept = SingleCellSelection.ChooseAll(recipe);
    }

    /// <summary>Kept cells per population (recipe order), ascending.</summary>
    public ImmutableArray<ImmutableArray<int>> Kept { get; }

    /// <summary>The run's output folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>Every file the run writes (on all ranks together), population by population, cells ascending.</summary>
    public IEnumerable<string> Files =>
        _recipe.Populations.SelectMany((y, i) => Kept[i].Select(k => Hdf5CellContributionWriter.PathOf(OutputDirectory, y.Name, k)));

    /// <summary>The tap for a batch of <paramref name="population"/> holding <paramref name="cells"/>, or null when none of them is kept.</summary>
    public CellContributionTap? Open(PopulationDescription population, IReadOnlyList<CellConnectivity> cells)
    {
        var index = _recipe.Populations.IndexOf(population);
        if (index < 0)
        {
            throw new ArgumentException($"population '{population.Name}' is not in the recipe", nameof(population));
        }

        var kept = Kept[index];
        var slots = new int[cells.Count];
        var chosen = new List<int>();
        for (var c = 0; c < cells.Count; c++)
        {
            slots[c] = kept.AsSpan().BinarySearch(cells[c].CellIndex) >= 0 ? chosen.Count : -1;
            if (slots[c] >= 0)
            {
                chosen.Add(cells[c].CellIndex);
            }
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var sink = new Hdf5CellContributionWriter(OutputDirectory, population.Name, chosen, _probes, _recipe.DtOutputMs);
            _sinks.Add(sink);
            return new CellContributionTap(sink, [.. slots]);
        }
    }

    /// <summary>Marks every opened file complete (<paramref name="success"/>) or incomplete and closes it.</summary>
    public void Complete(bool success)
    {
        List<Exception>? errors = null;
        lock (_gate)
        {
            _closed = true;
            foreach (var sink in _sinks)
            {
                try
                {
                    sink.Complete(success);
                }
                catch (AggregateException e)
                {
                    (errors ??= []).Add(e);
                }
            }

            _sinks.Clear();
        }

        if (errors is not null)
        {
            throw new AggregateException("closing the single-cell outputs", errors);
        }
    }

    /// <summary>Closes the files as incomplete unless <see cref="Complete"/> was called.</summary>
    public void Dispose() => Complete(success: false);
}

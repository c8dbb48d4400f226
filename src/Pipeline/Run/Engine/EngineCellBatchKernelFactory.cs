using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Outputs;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// <see cref="ICellBatchKernelFactory"/> of the real engine: for each batch, the cells are placed and rotated as
/// LFPy does (set_pos, then set_rotation x, y, z), every probe's transformation matrix is computed from the placed
/// geometry (with the cell's injected disc-contact points when given), and a <see cref="CellBatchKernel"/> steps the
/// cells with their synapses (current-based only: the factorization is shared). With <paramref name="singleCells"/>,
/// batches holding kept cells also hand their own signals to a <see cref="CellContributionTap"/>.
/// </summary>
public sealed class EngineCellBatchKernelFactory(DiscretizedMorphologyProvider morphologies, SingleCellContributions? singleCells = null)
    : ICellBatchKernelFactory
{
    public IReadOnlyList<ProbeLayout> ProbeLayouts(RecipeDescription recipe) => [.. recipe.Probes.Select(ProbeModels.Layout)];

    public ICellBatchKernel Create(RecipeDescription recipe, PopulationDescription population, IReadOnlyList<CellConnectivity> cells, WindowSchedule schedule)
    {
        var morphology = morphologies.Morphology(population).Morphology;
        var populationIndex = recipe.Populations.IndexOf(population);
        var synapses = new IReadOnlyList<SynapseDescription>[cells.Count];
        var matrices = new TransformationMatrix[cells.Count][];
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            synapses[c] = [.. cell.Synapses.Select(s => Synapse(population, cell.CellIndex, s))];
            var placed = new Cell(morphology);
            placed.SetPosition(cell.SomaPositionUm.X, cell.SomaPositionUm.Y, cell.SomaPositionUm.Z);
            placed.SetRotation(cell.Rotation.XRad, cell.Rotation.YRad, cell.Rotation.ZRad);
            var geometry = placed.Geometry;
            var draws = population.Injected is { } injected && cell.CellIndex < injected.Cells.Length ? injected.Cells[cell.CellIndex] : null;
            matrices[c] = [.. recipe.Probes.Select(probe =>
            {
                IReadOnlyList<IReadOnlyList<Vec3>>? points = null;
                if (draws is not null && draws.ContactPoints.TryGetValue(probe.Name, out var given))
                {
                    points = [.. given.Select(contact => (IReadOnlyList<Vec3>)[.. contact.Select(q => new Vec3(q.X, q.Y, q.Z))])];
                }

                return ProbeModels.Create(probe, points, DiscSeed(recipe.Seed, populationIndex, cell.CellIndex)).GetTransformationMatrix(geometry);
            })];
        }

        var cellParameters = population.Cell;
        var engine = new CellBatchKernel(morphology, new PassiveMembrane(true, cellParameters.GPasSPerCm2, cellParameters.EPasMv),
            synapses, recipe.DtMs, cellParameters.VInitMv);
        return new EngineCellBatchKernel(engine, matrices, population.Name, cells.Count > 0 ? cells[0].CellIndex : 0, schedule,
            singleCells?.Open(population, cells));
    }

    private static SynapseDescription Synapse(PopulationDescription population, int cellIndex, SynapseInstance s)
    {
        var p = s.Parameters;
        return p.Type switch
        {
            SynapseType.AlphaISyn => new SynapseDescription(s.SegmentIndex, SynapseKind.AlphaISyn, p.Weight, p.TauMs),
            SynapseType.ExpSynI => new SynapseDescription(s.SegmentIndex, SynapseKind.ExpSynI, p.Weight, p.TauMs),
            _ => throw new InputException($"populations.{population.Name}",
                $"cell {cellIndex}: {p.Type} synapses are conductance-based; hybrid runs take current-based synapses (ExpSynI, AlphaISyn), whose cells share one factorization"),
        };
    }

    // A fixed function of (seed, population, cell) for disc points that are drawn rather than injected (splitmix64 finalizer).
    private static int DiscSeed(ulong seed, int population, int cell)
    {
        var z = seed ^ ((ulong)(uint)population << 32) ^ (uint)cell ^ 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}

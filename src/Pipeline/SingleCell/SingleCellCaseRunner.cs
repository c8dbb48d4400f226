using System.Diagnostics;
using System.Text.Json;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>
/// Runs a single-cell case as LFPy does (build the cell, set_pos/set_rotation, synapses with NetCon.event spike
/// times, fixed-step simulation) and writes the outputs of the reference schema. Extra outputs (probes) plug in via
/// <see cref="ISingleCellOutput"/>.
/// </summary>
public sealed class SingleCellCaseRunner
{
    private readonly Func<IReadOnlyList<ISingleCellOutput>> _extraOutputs;
    private readonly CableSolveMode _mode;

    /// <param name="extraOutputs">creates the extra outputs for one run (null: none).</param>
    /// <param name="mode">cable matrix handling of the kernel.</param>
    public SingleCellCaseRunner(Func<IReadOnlyList<ISingleCellOutput>>? extraOutputs = null, CableSolveMode mode = CableSolveMode.Factorized)
    {
        _extraOutputs = extraOutputs ?? (() => []);
        _mode = mode;
    }

    /// <summary>Reads the case file and runs it.</summary>
    public SingleCellRunResult RunFile(string path, CancellationToken cancellationToken = default)
    {
        using var document = SingleCellCaseReader.OpenCaseDocument(path);
        var inputs = SingleCellCaseReader.InputsOf(document.RootElement);
        var c = SingleCellCaseReader.Parse(inputs, path);
        return Run(c, inputs, cancellationToken);
    }

    /// <summary>Runs a parsed case; <paramref name="inputs"/> is handed to the extra outputs.</summary>
    public SingleCellRunResult Run(SingleCellCase c, JsonElement inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var morphology = MorphologyDiscretizer.Discretize(c.Morphology, c.Nseg, c.CmUfPerCm2, c.RaOhmCm);
        var cell = new Cell(morphology);
        var untransformed = cell.Geometry;
        var untransformedSoma = cell.SomaPosition;
        if (c.Transform is { } t)
        {
            if (t.Position is { } p)
            {
                cell.SetPosition(p[0], p[1], p[2]);
            }

            cell.SetRotation(t.RotationX, t.RotationY, t.RotationZ);
        }

        var synapses = ResolveSynapses(c, morphology);
        foreach (var idx in c.ImemIdx.Concat(c.VmemIdx))
        {
            if ((uint)idx >= (uint)morphology.SegmentCount)
            {
                throw new InputException(c.Source, $"inputs.record: segment index {idx} is outside 0..{morphology.SegmentCount - 1}.");
            }
        }

        var kernel = CreateKernel(c, morphology, synapses, _mode);
        var steps = CellSimulation.StepCount(c.TStopMs, c.DtMs);
        var samples = CellSimulation.SampleCount(steps, c.Decimate);
        var traces = new CellTraceRecorder(samples, cell.SomaVoltageSegment, c.VmemIdx, c.ImemIdx, synapses.Length);
        var dipole = new CurrentDipoleMomentRecorder(cell.Geometry, samples);
        var sinks = new List<IMembraneCurrentSink> { dipole };
        var extras = _extraOutputs();
        var context = new SingleCellRunContext(inputs, c, cell, samples, c.Decimate * c.DtMs);
        foreach (var extra in extras)
        {
            extra.Prepare(context, sinks);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        CellSimulation.Run(kernel, steps, c.Decimate, traces, sinks, cancellationToken);
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        return new SingleCellRunResult
        {
            Case = c,
            Cell = cell,
            UntransformedGeometry = untransformed,
            UntransformedSomaPosition = untransformedSoma,
            FullSampleCount = steps + 1,
            Traces = traces,
            Dipole = dipole,
            ExtraOutputs = extras,
            SimulationSeconds = watch.Elapsed.TotalSeconds,
            SimulationCpuSeconds = cpu.TotalSeconds,
            Steps = steps,
        };
    }

    /// <summary>
    /// The case's kernel on <paramref name="morphology"/>, with <paramref name="synapses"/> (the case's, resolved by
    /// <see cref="ResolveSynapses"/>) and every spike of the case queued on its synapse, solved in <paramref name="mode"/>.
    /// </summary>
    internal static SingleCellKernel CreateKernel(SingleCellCase c, DiscretizedMorphology morphology, SynapseDescription[] synapses, CableSolveMode mode)
    {
        var kernel = new SingleCellKernel(morphology, c.Passive, synapses, [], c.DtMs, c.VInitMv, mode);
        for (var s = 0; s < c.Synapses.Length; s++)
        {
            foreach (var te in c.Synapses[s].SpikeTimesMs)
            {
                kernel.AddSpike(s, te);
            }
        }

        return kernel;
    }

    /// <summary>The case's synapses on <paramref name="morphology"/>: section names and positions resolved to segments, indices checked.</summary>
    internal static SynapseDescription[] ResolveSynapses(SingleCellCase c, DiscretizedMorphology morphology)
    {
        var result = new SynapseDescription[c.Synapses.Length];
        for (var s = 0; s < result.Length; s++)
        {
            var syn = c.Synapses[s];
            var segment = syn.Synapse.Segment;
            if (syn.SectionName is { } name)
            {
                var section = morphology.IndexOfSection(name);
                if (section < 0)
                {
                    throw new InputException(c.Source, $"{syn.Path}.section: unknown section name '{name}'.");
                }

                if (segment < 0)
                {
                    segment = morphology.SegmentAt(section, syn.SegmentX ?? 0.5);
                }
                else if (segment < morphology.SegmentCount && morphology.SectionOfSegment(segment) != section)
                {
                    throw new InputException(c.Source, $"{syn.Path}: segment {segment} belongs to section '{morphology.SectionName(segment)}', not '{name}'.");
                }
            }

            if ((uint)segment >= (uint)morphology.SegmentCount)
            {
                throw new InputException(c.Source, $"{syn.Path}.idx: segment index {segment} is outside 0..{morphology.SegmentCount - 1}.");
            }

            result[s] = syn.Synapse with { Segment = segment };
        }

        return result;
    }
}

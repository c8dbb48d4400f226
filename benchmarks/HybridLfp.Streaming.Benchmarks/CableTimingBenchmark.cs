using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Geometry;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Benchmarks;

/// <summary>
/// The cable part of the single-cell timing case (../shared/reference/timing_l5_100syn.json, timings.md §1): the L5
/// pyramid (1072 segments, lambda_f 100 Hz), 100 ExpSyn synapses with the case's spike times, 1000 ms at dt = 1/16 ms
/// (16000 steps), recording somav and the current dipole moment every step. The morphology is NEURON's view of the
/// same cell as stored in cases/mainen_l5_multisyn.json (outputs.sections), so the benchmark does not depend on the hoc
/// reader. One invocation = one whole 1000 ms simulation.
/// </summary>
[MemoryDiagnoser]
public class CableTimingBenchmark
{
    private DiscretizedMorphology _morphology = null!;
    private SynapseDescription[] _synapses = [];
    private double[][] _spikes = [];
    private PassiveMembrane _passive = null!;
    private CellGeometry _geometry = null!;

    [Params(CableSolveMode.Factorized, CableSolveMode.NeuronExact)]
    public CableSolveMode Mode { get; set; }

    /// <summary>Replace the ExpSyn synapses by current-based ExpSynI (constant matrix) — the hybrid scheme's case.</summary>
    public bool CurrentBased { get; set; }

    /// <summary>Nodes re-eliminated per step by the last kernel built.</summary>
    public int DirtyNodes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var shared = SharedFolder();
        using var cell = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "reference", "cases", "mainen_l5_multisyn.json")));
        using var timing = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "reference", "timing_l5_100syn.json")));
        var sections = cell.RootElement.GetProperty("outputs").GetProperty("sections").EnumerateArray().ToArray();
        var names = sections.Select((s, i) => (s.GetProperty("name").GetString()!, i)).ToDictionary(x => x.Item1, x => x.i);
        var morphology = new MorphologyDescription(
            [.. sections.Select(s => new SectionDescription(
                s.GetProperty("name").GetString()!,
                s.GetProperty("parent").ValueKind == JsonValueKind.Null ? -1 : names[s.GetProperty("parent").GetString()!],
                s.GetProperty("parent_x").ValueKind == JsonValueKind.Null ? double.NaN : s.GetProperty("parent_x").GetDouble(),
                0,
                [.. s.GetProperty("pt3d").EnumerateArray().Select(p => Pt3dPoint.FromDouble(p[0].GetDouble(), p[1].GetDouble(), p[2].GetDouble(), p[3].GetDouble()))]))],
            "mainen_l5_multisyn outputs.sections");
        var inputs = timing.RootElement.GetProperty("inputs");
        var c = inputs.GetProperty("cell");
        _morphology = MorphologyDiscretizer.Discretize(morphology, NsegRule.LambdaF(100, 0.1), c.GetProperty("cm").GetDouble(), c.GetProperty("Ra").GetDouble());
        _geometry = _morphology.Geometry;
        var pp = c.GetProperty("passive_parameters");
        _passive = new PassiveMembrane(true, pp.GetProperty("g_pas").GetDouble(), pp.GetProperty("e_pas").GetDouble());
        var syn = inputs.GetProperty("synapses").EnumerateArray().ToArray();
        _synapses = [.. syn.Select(s => new SynapseDescription(
            s.GetProperty("idx").GetInt32(), SynapseKind.ExpSyn, s.GetProperty("weight").GetDouble(),
            TauMs: s.GetProperty("params").GetProperty("tau").GetDouble(), ReversalMv: s.GetProperty("params").GetProperty("e").GetDouble()))];
        _spikes = [.. syn.Select(s => s.GetProperty("spike_times").EnumerateArray().Select(t => t.GetDouble()).ToArray())];
    }

    /// <summary>Builds the kernel, queues the spikes and simulates 1000 ms (16000 steps) with somav + CDM recorded.</summary>
    [Benchmark]
    public double Simulate1000Ms()
    {
        var synapses = CurrentBased
            ? _synapses.Select(s => s with { Kind = SynapseKind.ExpSynI, Weight = 0.05 }).ToArray()
            : _synapses;
        var kernel = new SingleCellKernel(_morphology, _passive, synapses, [], 0.0625, -65, Mode);
        DirtyNodes = kernel.DirtyNodeCount;
        for (var s = 0; s < _spikes.Length; s++)
        {
            foreach (var t in _spikes[s])
            {
                kernel.AddSpike(s, t);
            }
        }

        const int steps = 16000;
        var traces = new CellTraceRecorder(steps + 1, 0, [], [], 0);
        var cdm = new CurrentDipoleMomentRecorder(_geometry, steps + 1);
        CellSimulation.Run(kernel, steps, 1, traces, [cdm]);
        return traces.SomaV[^1];
    }

    /// <summary>
    /// The same cell as a batch of <paramref name="cells"/> lanes (every lane gets the case's synapses as ExpSynI),
    /// 1000 ms; returns the compartment-steps done.
    /// </summary>
    public long SimulateBatch1000Ms(int cells)
    {
        var synapses = _synapses.Select(s => s with { Kind = SynapseKind.ExpSynI, Weight = 0.05 }).ToArray();
        var batch = new CellBatchKernel(_morphology, _passive, Enumerable.Repeat<IReadOnlyList<SynapseDescription>>(synapses, cells).ToArray(), 0.0625, -65);
        for (var c = 0; c < cells; c++)
        {
            for (var s = 0; s < _spikes.Length; s++)
            {
                foreach (var t in _spikes[s])
                {
                    batch.AddSpike(c, s, t);
                }
            }
        }

        for (var k = 0; k < 16000; k++)
        {
            batch.Step();
        }

        return (long)cells * _morphology.SegmentCount * 16000;
    }

    internal static string SharedFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HybridLfp.Streaming.sln")))
        {
            dir = dir.Parent;
        }

        return Path.GetFullPath(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("HybridLfp.Streaming.sln not found above the binaries"), "..", "shared"));
    }
}

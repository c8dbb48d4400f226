using System.Diagnostics;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.Forward;
using HybridLfp.Streaming.Pipeline.SingleCell;

namespace HybridLfp.Streaming.Benchmarks.Forward;

/// <summary>
/// `-- quick-cell-probes`: the single-cell timing case (../shared/reference/timing_l5_100syn.json) in one process,
/// so the ratios share the machine's load: the bare cable kernel (16000 steps, nothing recorded) against the whole
/// simulation loop of <c>hlfp cell</c> (traces, the 16-contact line-source electrode and the CDM at run time), with
/// wall and process CPU time; then the loop with one part at a time (loop-none, loop-traces, loop-cdm, loop-probes,
/// loop-all) and the projection alone (probes-only). The first bare and <c>hlfp cell</c>-like runs are cold; the rest
/// are warm and alternate so drifts of the load hit both sides. This host does not carry <c>hlfp</c>'s runtime
/// settings: run it with <c>DOTNET_TC_QuickJitForLoops=0</c> to JIT the cold runs as <c>hlfp</c> does.
/// </summary>
public static class CellProbesTiming
{
    public static void Run(int repetitions)
    {
        var path = Path.Combine(CableTimingBenchmark.SharedFolder(), "reference", "timing_l5_100syn.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var inputs = document.RootElement.GetProperty("inputs");
        var c = SingleCellCaseReader.Parse(inputs, path);
        var runner = new SingleCellCaseRunner(() => [new CellProbesOutput()]);

        var (coldBareWall, coldBareCpu) = Bare(c);
        Console.WriteLine($"cold bare kernel: {coldBareWall:F3} s wall, {coldBareCpu:F3} s CPU");
        var cold = runner.Run(c, inputs);
        Console.WriteLine($"cold hlfp cell loop: {cold.SimulationSeconds:F3} s wall, {cold.SimulationCpuSeconds:F3} s CPU");
        double bareCpu = 0, bareWall = 0, fullCpu = 0, fullWall = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var (w, cpu) = Bare(c);
            bareWall += w;
            bareCpu += cpu;
            var full = runner.Run(c, inputs);
            fullWall += full.SimulationSeconds;
            fullCpu += full.SimulationCpuSeconds;
            Console.WriteLine($"bare kernel {w:F3} s wall {cpu:F3} s CPU | hlfp cell loop {full.SimulationSeconds:F3} s wall {full.SimulationCpuSeconds:F3} s CPU");
        }

        foreach (var variant in new[] { "loop-none", "loop-traces", "loop-cdm", "loop-probes", "loop-all", "probes-only", "loop-none", "loop-traces", "loop-cdm", "loop-probes", "loop-all", "probes-only" })
        {
            var (w, cpu) = Variant(c, inputs, variant);
            Console.WriteLine($"{variant}: {w:F3} s wall {cpu:F3} s CPU");
        }

        Console.WriteLine($"mean: bare {bareWall / repetitions:F3} s wall {bareCpu / repetitions:F3} s CPU; with probes and traces {fullWall / repetitions:F3} s wall {fullCpu / repetitions:F3} s CPU; ratio (CPU) {fullCpu / bareCpu:F2}");
    }

    // The case's cell, its synapses and a factorized kernel with every spike queued, as hlfp cell builds them.
    private static (DiscretizedMorphology Morphology, SynapseDescription[] Synapses, SingleCellKernel Kernel) NewKernel(SingleCellCase c)
    {
        var morphology = MorphologyDiscretizer.Discretize(c.Morphology, c.Nseg, c.CmUfPerCm2, c.RaOhmCm);
        var synapses = SingleCellCaseRunner.ResolveSynapses(c, morphology);
        return (morphology, synapses, SingleCellCaseRunner.CreateKernel(c, morphology, synapses, CableSolveMode.Factorized));
    }

    private static (double Wall, double Cpu) Variant(SingleCellCase c, System.Text.Json.JsonElement inputs, string variant)
    {
        var (morphology, synapses, kernel) = NewKernel(c);

        var steps = CellSimulation.StepCount(c.TStopMs, c.DtMs);
        var cell = new HybridLfp.Streaming.Numerics.Cells.Cell(morphology);
        var all = variant == "loop-all";
        CellTraceRecorder? traces = variant == "loop-traces" || all ? new CellTraceRecorder(steps + 1, cell.SomaVoltageSegment, [], [], synapses.Length) : null;
        var sinks = new List<IMembraneCurrentSink>();
        if (variant == "loop-cdm" || all)
        {
            sinks.Add(new CurrentDipoleMomentRecorder(cell.Geometry, steps + 1));
        }

        if (variant == "loop-probes" || all || variant == "probes-only")
        {
            new CellProbesOutput().Prepare(new SingleCellRunContext(inputs, c, cell, steps + 1, c.DtMs), sinks);
        }

        if (variant == "probes-only")
        {
            // The projection alone: the same sink fed a fixed current vector for every sample, no cable solve.
            var currents = Enumerable.Range(0, morphology.SegmentCount).Select(i => Math.Sin(i)).ToArray();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var w0 = Stopwatch.StartNew();
            for (var k = 0; k <= steps; k++)
            {
                sinks[0].OnSample(k, k * c.DtMs, currents);
            }

            sinks[0].Complete();
            return (w0.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        CellSimulation.Run(kernel, steps, 1, traces, sinks);
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static (double Wall, double Cpu) Bare(SingleCellCase c)
    {
        var (_, _, kernel) = NewKernel(c);

        var steps = CellSimulation.StepCount(c.TStopMs, c.DtMs);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var k = 0; k < steps; k++)
        {
            kernel.Step();
        }

        watch.Stop();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}

using System.Globalization;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Numerics.Cells;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Pipeline.Run.Engine;
using HybridLfp.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Run;

/// <summary>
/// The windowed graph (router: an event belongs to the window of step ⌈t/dt − 1e-9⌉) against the engine run in one
/// piece with every event queued up front: same currents, so the same signals; plus output decimation and faults.
/// </summary>
public sealed class EventTimingAndFaultTests(ITestOutputHelper output)
{
    // Arrivals (t + 1.5 ms): on window boundaries (windows are 1.5 ms), on grid points inside, off the grid, at 0.
    private const string Spikes = "[[1, 0.0], [2, 0.1], [1, 1.5], [3, 3.0], [2, 0.03], [4, 4.45], [1, 6.0], [3, 2.9999999999], " +
        "[2, 7.55], [4, 9.0], [1, 10.35], [3, 12.0], [2, 12.05], [4, 13.5], [1, 18.5]]";

    private static RecipeDescription Recipe(double dtOutput, double weight = 0.3) => RecipeLoader.Load($$$"""
        dt: 0.1
        dt_output: {{{dtOutput.ToString(CultureInfo.InvariantCulture)}}}
        tstop: 20
        seed: 5
        batch_size: 2
        layer_boundaries: [[1000, -1000]]
        network:
          A: {first_gid: 1, count: 4, source: {kind: inline, spikes: {{{Spikes}}}}}
          B: {first_gid: 5, count: 2, source: {kind: inline, spikes: [[5, 0.5], [6, 2.95], [5, 5.0], [6, 11.95]]}}
        populations:
          P:
            morphology: {{{SharedPaths.Of("morphologies", "hybridLFPy-brunel", "ex.swc")}}}
            cell: {cm: 1.0, Ra: 150, g_pas: 5.0e-5, e_pas: 0.0, v_init: 0.0, nsegs_method: lambda_f, lambda_f: 100, d_lambda: 0.1}
            number: 3
            placement: {radius: 50, z_min: -50, z_max: 50, min_cell_interdist: 1.0}
            rand_rot_axis: [z]
            k_yXL: [[4, 3]]
            synParams: {A: {section: [apic, dend, soma], syntype: AlphaISyn}, B: {section: [apic, dend, soma], syntype: ExpSynI}}
            tau_yX: [0.5, 2.0]
            J_yX: [{{{weight.ToString("R", CultureInfo.InvariantCulture)}}}, -0.2]
            synDelayLoc: [1.5, 1.5]
            synDelayScale: [null, null]
        probes:
          - model: CurrentDipoleMoment
          - model: RecExtElectrode
            params: {x: [40, 0], y: [0, 30], z: [0, -200], sigma: 0.3, method: root_as_point}
        """, isJson: false, baseDirectory: "/", sourceName: "timing.yaml");

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public async Task Windowed_run_equals_one_piece_engine_run_with_events_queued_up_front(double dtOutput)
    {
        var recipe = Recipe(dtOutput);
        var sink = await RunAsync(recipe);
        var expected = OnePiece(recipe);
        for (var p = 0; p < recipe.Probes.Length; p++)
        {
            var actual = sink.Total(p);
            var error = ReferenceCase.ErrorRelativeToMax(expected[p], actual);
            var max = expected[p].Max(r => r.Max(Math.Abs));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dt_output {dtOutput}, probe {p}: max |value| {max:E3}, relative error {error:E2}"));
            Assert.True(max > 0);
            Assert.True(error <= 1e-12, $"probe {p}: {error:E2}");
        }
    }

    [Fact]
    public async Task A_diverging_cell_is_named_with_population_cell_and_window()
    {
        var recipe = Recipe(0.1, weight: 1.5e308);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(recipe));
        var text = e.ToString();
        output.WriteLine(e.Message);
        Assert.Contains("population P", text);
        Assert.Matches(@"cell \d", text);
        Assert.Matches(@"window \d", text);
    }

    private static async Task<InMemorySink> RunAsync(RecipeDescription recipe)
    {
        var sink = new InMemorySink(RecipeRunner.ProbeLayouts(recipe), recipe.Populations.Length);
        await EngineHybridRun.Create().RunAsync(recipe, [sink], new StreamingGraphOptions { MaxDegreeOfParallelism = 2 });
        return sink;
    }

    /// <summary>Independent path: each cell alone in one CellBatchKernel, all events queued at t = 0, stepped to tstop;
    /// M·I per step, averaged over q steps per output sample (sample 0 the initial state), summed over cells.</summary>
    private static double[][][] OnePiece(RecipeDescription recipe)
    {
        var y = recipe.Populations[0];
        var morphology = new DiscretizedMorphologyProvider().Morphology(y).Morphology;
        var cells = HybridRun.BuildCells(recipe, new DiscretizedMorphologyProvider(), 1).SelectMany(b => b).ToArray();
        var spikes = recipe.Network.SelectMany(x => x.Source.Spikes).ToArray();
        var steps = (int)Math.Round(recipe.TstopMs / recipe.DtMs);
        var q = (int)Math.Round(recipe.DtOutputMs / recipe.DtMs);
        var samples = (steps / q) + 1;
        var result = recipe.Probes.Select(p => RecipeRunner.ProbeLayouts(recipe)[recipe.Probes.IndexOf(p)].ChannelCount)
            .Select(ch => Enumerable.Range(0, ch).Select(_ => new double[samples]).ToArray()).ToArray();
        foreach (var cell in cells)
        {
            var placed = new Cell(morphology);
            placed.SetPosition(cell.SomaPositionUm.X, cell.SomaPositionUm.Y, cell.SomaPositionUm.Z);
            placed.SetRotation(cell.Rotation.XRad, cell.Rotation.YRad, cell.Rotation.ZRad);
            var m = recipe.Probes.Select(p => ProbeModels.Create(p, null, 0).GetTransformationMatrix(placed.Geometry)).ToArray();
            var synapses = cell.Synapses.Select(s => new SynapseDescription(s.SegmentIndex,
                s.Parameters.Type == SynapseType.AlphaISyn ? SynapseKind.AlphaISyn : SynapseKind.ExpSynI, s.Parameters.Weight, s.Parameters.TauMs)).ToArray();
            var engine = new CellBatchKernel(morphology, new PassiveMembrane(true, y.Cell.GPasSPerCm2, y.Cell.EPasMv), [synapses], recipe.DtMs, y.Cell.VInitMv);
            foreach (var c in cell.Connections)
            {
                foreach (var s in spikes.Where(s => s.Gid == c.PresynapticGid))
                {
                    engine.AddSpike(0, c.SynapseIndex, s.TimeMs + c.DelayMs);
                }
            }

            var imem = new double[engine.SegmentCount];
            var acc = new double[recipe.Probes.Length][];
            for (var n = 0; n <= steps; n++)
            {
                if (n > 0)
                {
                    engine.Step();
                }

                engine.CopyMembraneCurrents(0, imem);
                for (var p = 0; p < m.Length; p++)
                {
                    acc[p] ??= new double[m[p].Rows];
                    for (var r = 0; r < m[p].Rows; r++)
                    {
                        var v = 0.0;
                        for (var s = 0; s < imem.Length; s++)
                        {
                            v += m[p][r, s] * imem[s];
                        }

                        var sample = n == 0 ? 0 : ((n - 1) / q) + 1;
                        result[p][r][sample] += n == 0 ? v : v / q;
                    }
                }
            }
        }

        return result;
    }
}

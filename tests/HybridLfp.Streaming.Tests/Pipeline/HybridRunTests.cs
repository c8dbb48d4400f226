using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class HybridRunTests(HybridCaseFixture fixture) : IClassFixture<HybridCaseFixture>
{
    /// <summary>
    /// Fake engine: every cell's "signal" on channel c of every probe is Σ over delivered events of
    /// w(cell, synapse)·(c + 1), from the event's step on (a step response); w = 1 gives event counts.
    /// </summary>
    private sealed class StepResponseFactory(bool unitWeights) : ICellBatchKernelFactory
    {
        public IReadOnlyList<ProbeLayout> ProbeLayouts(RecipeDescription recipe) => [.. recipe.Probes.Select(p => new ProbeLayout(p.Name, 2, "au"))];

        public ICellBatchKernel Create(RecipeDescription recipe, PopulationDescription population, IReadOnlyList<CellConnectivity> cells, WindowSchedule schedule) =>
            new Kernel(cells, schedule, unitWeights, recipe.Probes.Length);

        private sealed class Kernel(IReadOnlyList<CellConnectivity> cells, WindowSchedule schedule, bool unitWeights, int probes) : ICellBatchKernel
        {
            private readonly double[] _level = new double[cells.Count];
            private readonly List<(long Step, int Cell, double W)> _pending = [];

            public int CellCount => cells.Count;

            public void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output)
            {
                foreach (var e in events)
                {
                    var w = unitWeights ? 1.0 : 1.0 / (3.0 + cells[e.Cell].CellIndex + (7.0 * e.Synapse));
                    _pending.Add((schedule.StepOfEvent(e.TimeMs), e.Cell, w));
                }

                for (var s = 0; s < window.SampleCount; s++)
                {
                    var step = (window.FirstSample + s) * schedule.DecimationFactor;
                    foreach (var (start, cell, w) in _pending)
                    {
                        if (start == step || (start < step && start > step - schedule.DecimationFactor))
                        {
                            _level[cell] += w;
                        }
                    }

                    for (var cell = 0; cell < cells.Count; cell++)
                    {
                        for (var p = 0; p < probes; p++)
                        {
                            output.Probe(p)[s] += _level[cell];
                            output.Probe(p)[window.SampleCount + s] += 2 * _level[cell];
                        }
                    }
                }

                var last = window.LastStep;
                _pending.RemoveAll(x => x.Step <= last);
            }
        }
    }

    private sealed class FixtureSegments(HybridCaseFixture fixture) : ICellSegmentsProvider
    {
        public ICellSegments Segments(PopulationDescription population) => fixture.Segments(population.Name);
    }

    [Fact]
    public async Task Runs_the_injected_reference_case_end_to_end_with_exact_event_counts()
    {
        var sink = new InMemorySink([new ProbeLayout("a", 2, "au"), new ProbeLayout("b", 2, "au")], 2);
        var reports = new List<GraphProgress>();
        var run = new HybridRun(new StepResponseFactory(unitWeights: true), new FixtureSegments(fixture));
        var summary = await run.RunAsync(fixture.Recipe, [sink], new StreamingGraphOptions { MaxDegreeOfParallelism = 2 },
            new Progress<GraphProgress>(reports.Add));

        // Independent: count of synapse activations at or before each sample, from what hybridLFPy inserted.
        for (var y = 0; y < 2; y++)
        {
            var name = fixture.Recipe.Populations[y].Name;
            var times = fixture.Population(name).GetProperty("cells").EnumerateArray()
                .SelectMany(c => c.GetProperty("synapses_inserted").EnumerateArray())
                .SelectMany(s => ReferenceCase.Vector(s.GetProperty("spike_times"))).ToArray();
            var expected = Enumerable.Range(0, 3001).Select(m => (double)times.Count(t => Math.Ceiling((t / 0.1) - 1e-9) <= m)).ToArray();
            Assert.Equal(expected, sink.Population(1, y)[0]);
            Assert.Equal(expected.Select(v => 2 * v), sink.Population(0, y)[1]);
        }

        Assert.Equal(100, summary.Cells);
        Assert.Equal((80 * 32) + (20 * 21), summary.Compartments);
        Assert.Equal(200, summary.Windows);
        Assert.Equal(300.0, summary.SimulatedMs, 9);
        Assert.Equal(sink.Total(0)[0][^1], summary.Events); // every event delivered by tstop, counted once
        Assert.True(summary.PeakWorkingSetBytes > 0);
        await Task.Delay(50); // Progress<T> posts to the thread pool
        Assert.Contains(reports, r => r.WindowsDone == 200 && r.WindowCount == 200);
    }

    [Fact]
    public async Task A_drawn_recipe_gives_bit_identical_results_for_1_and_3_threads()
    {
        var recipe = DrawnRecipe();
        var one = await RunDrawnAsync(recipe, 1);
        var three = await RunDrawnAsync(recipe, 3);
        Assert.Equal(one, three);
        Assert.True(one.Length > 100 && one.Any(b => b != 0));

        var cellsA = HybridRun.BuildCells(recipe, new StickSegments(), 1);
        var cellsB = HybridRun.BuildCells(recipe, new StickSegments(), 4);
        Assert.Equal(cellsA.SelectMany(b => b).SelectMany(c => c.Connections), cellsB.SelectMany(b => b).SelectMany(c => c.Connections));
        Assert.Equal(cellsA.SelectMany(b => b).Select(c => c.SomaPositionUm), cellsB.SelectMany(b => b).Select(c => c.SomaPositionUm));
    }

    private static async Task<long[]> RunDrawnAsync(RecipeDescription recipe, int threads)
    {
        var layouts = new StepResponseFactory(false).ProbeLayouts(recipe);
        var sink = new InMemorySink(layouts, recipe.Populations.Length);
        var run = new HybridRun(new StepResponseFactory(unitWeights: false), new StickSegments());
        await run.RunAsync(recipe, [sink], new StreamingGraphOptions { MaxDegreeOfParallelism = threads });
        return [.. Enumerable.Range(0, recipe.Populations.Length).SelectMany(y => sink.Population(0, y)).Concat(sink.Total(0))
            .SelectMany(c => c).Select(BitConverter.DoubleToInt64Bits)];
    }

    private sealed class StickSegments : ICellSegmentsProvider
    {
        public ICellSegments Segments(PopulationDescription population) => new SegmentTable(
            ["soma[0]", "dend[0]", "dend[0]", "apic[0]", "apic[0]", "apic[0]"],
            [300, 50, 40, 60, 50, 40],
            [new(0, 0, 0), new(0, 0, -30), new(0, 0, -60), new(0, 0, 100), new(0, 0, 200), new(0, 0, 300)],
            new Point3(0, 0, 0));
    }

    private static RecipeDescription DrawnRecipe()
    {
        var rng = new System.Random(7);
        SpikeSourceDescription Spikes(long first, long count) => new()
        {
            Kind = SpikeSourceKind.Inline,
            Spikes = [.. Enumerable.Range(0, 400).Select(_ => new SpikeEvent(first + rng.Next((int)count), Math.Round(rng.NextDouble() * 100, 1)))],
        };

        SynapseParametersDescription Syn(double w, double? scale) => new()
        {
            SectionPatterns = ["apic", "dend"], Type = SynapseType.AlphaISyn, Weight = w, DelayLocMs = 1.5, DelayScaleMs = scale,
        };

        PopulationDescription Pop(string name, int n) => new()
        {
            Name = name,
            Morphology = new MorphologySourceDescription(MorphologyFormat.Swc, null, "inline"),
            CellCount = n,
            Placement = new PlacementDescription { RadiusUm = 100, ZMinUm = -450, ZMaxUm = -350, MinCellInterdistUm = 1 },
            RandomRotationAxes = ['z'],
            Layers = [new LayerDescription(0, -300), new LayerDescription(-300, -500)],
            InDegrees = [[6, 2], [4, 1]],
            Synapses = [Syn(0.2, 0.3), Syn(-1.2, null)],
        };

        return new RecipeDescription
        {
            DtMs = 0.1,
            DtOutputMs = 0.5,
            TstopMs = 100,
            Seed = 99,
            MinDelayMs = 1.0,
            BatchSize = 5,
            Network =
            [
                new NetworkPopulationDescription("EX", 1, 80, Spikes(1, 80)),
                new NetworkPopulationDescription("IN", 81, 20, Spikes(81, 20)),
            ],
            Populations = [Pop("EX", 23), Pop("IN", 7)],
            Probes = [new ProbeDescription("lfp", "RecExtElectrode", null)],
        };
    }
}

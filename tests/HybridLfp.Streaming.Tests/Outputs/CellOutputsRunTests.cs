using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Pipeline.Run.Outputs;
using HybridLfp.Streaming.Tests.Hdf5Sink;
using HybridLfp.Streaming.Tests.Pipeline;
using HybridLfp.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace HybridLfp.Streaming.Tests.Outputs;

/// <summary>
/// Cell metadata (<c>cells.h5</c>) and kept single-cell contributions (<c>cells/&lt;y&gt;_cell&lt;k&gt;.h5</c>) of runs of
/// the injected hybridLFPy reference case (80 EX + 20 IN cells), cut to a few ms to stay fast.
/// </summary>
public sealed class CellOutputsRunTests(HybridCaseFixture fixture, ITestOutputHelper output) : IClassFixture<HybridCaseFixture>, IDisposable
{
    private static readonly string Case = SharedPaths.Of("reference", "cases", "hybrid_brunel_injected_public.json");
    private readonly string _root = Directory.CreateTempSubdirectory("hlfp-cells-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Hlfp_run_writes_the_positions_rotations_and_synapses_hybridLFPy_recorded_and_no_single_cells_by_default()
    {
        var dir = Path.Combine(_root, "cli");
        var stderr = new StringWriter();
        var code = await HybridLfp.Streaming.Cli.Program.RunAsync(["run", Case, "--out", dir, "--tstop", "2", "--format", "hdf5"],
            new StringWriter(), stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        var file = Path.Combine(dir, "cells.h5");
        Assert.Contains(file, stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(dir, "cells")), "single_cell_fraction is 0 in the case: no single-cell files");

        // Independent: the case file's own records of what hybridLFPy drew (soma_pos, rotation, synIdx, SpCells, synDelays).
        var network = fixture.Case.Inputs.GetProperty("populations").EnumerateObject().First().Value
            .GetProperty("cells")[0].GetProperty("SpCells").EnumerateObject().Select(x => x.Name).ToArray();
        Assert.Equal(string.Join(",", network), H5DumpReader.Attribute(file, "/EX/network_populations").Value);
        var rows = 0;
        foreach (var (y, n) in new[] { ("EX", 80), ("IN", 20) })
        {
            var cells = fixture.Population(y).GetProperty("cells");
            var positions = H5DumpReader.Dataset(file, $"/{y}/soma_positions");
            var rotations = H5DumpReader.Dataset(file, $"/{y}/rotations");
            Assert.Equal([n, 3L], positions.Dims);
            Assert.Equal([n, 3L], rotations.Dims);
            var table = new[] { "cell", "segment", "network_population", "presynaptic_gid", "delay_ms", "weight", "synapse_type", "tau_ms" }
                .ToDictionary(c => c, c => H5DumpReader.Dataset(file, $"/{y}/synapses/{c}").Values);
            var types = H5DumpReader.Attribute(file, $"/{y}/synapse_types").Value.Split(',');
            for (var i = 0; i < n; i++)
            {
                var cell = cells[i];
                Assert.Equal(ReferenceCase.Vector(cell.GetProperty("soma_pos")), positions.Values.AsSpan(3 * i, 3).ToArray());
                var rotation = cell.GetProperty("rotation");
                for (var a = 0; a < 3; a++)
                {
                    var axis = "xyz"[a].ToString();
                    var got = rotations.Values[(3 * i) + a];
                    if (rotation.TryGetProperty(axis, out var angle))
                    {
                        Assert.Equal(angle.GetDouble(), got);
                    }
                    else
                    {
                        Assert.True(double.IsNaN(got), $"{y} cell {i}: no rotation about {axis} recorded, got {got}");
                    }
                }

                // Per X: the multiset of (segment, presynaptic gid, delay) over layers.
                var mine = Enumerable.Range(0, table["cell"].Length).Where(r => table["cell"][r] == i).ToArray();
                rows += mine.Length;
                for (var x = 0; x < network.Length; x++)
                {
                    var idx = cell.GetProperty("synIdx").GetProperty(network[x]).EnumerateArray().SelectMany(l => l.EnumerateArray().Select(v => v.GetDouble()));
                    var gids = cell.GetProperty("SpCells").GetProperty(network[x]).EnumerateArray().SelectMany(l => l.EnumerateArray().Select(v => v.GetDouble()));
                    var delays = cell.GetProperty("synDelays").GetProperty(network[x]).EnumerateArray().SelectMany(l => l.EnumerateArray().Select(v => v.GetDouble()));
                    var expected = idx.Zip(gids, delays).Select(t => (t.First, t.Second, t.Third)).Order().ToArray();
                    var got = mine.Where(r => table["network_population"][r] == x)
                        .Select(r => (table["segment"][r], table["presynaptic_gid"][r], table["delay_ms"][r])).Order().ToArray();
                    Assert.Equal(expected, got);
                }

                // Weight, kind and tau of every row: those of the synapse LFPy inserted at that segment.
                var inserted = cell.GetProperty("synapses_inserted").EnumerateArray()
                    .Select(s => (Idx: s.GetProperty("idx").GetDouble(), Type: s.GetProperty("syntype").GetString(), W: s.GetProperty("weight").GetDouble(),
                        Tau: s.GetProperty("tau").GetDouble())).ToArray();
                foreach (var r in mine)
                {
                    Assert.Contains(inserted, s => s.Idx == table["segment"][r] && s.W == table["weight"][r] && s.Tau == table["tau_ms"][r]
                        && s.Type == types[(int)table["synapse_type"][r]]);
                }
            }
        }

        Assert.True(rows > 800, $"{rows} synapse rows");
    }

    [Fact]
    public async Task With_fraction_1_the_kept_cells_of_a_population_sum_to_the_population_signal()
    {
        var recipe = fixture.Recipe with { SingleCellFraction = 1, TstopMs = 20 };
        var dir = Path.Combine(_root, "all");
        var sink = await RunLocalAsync(recipe, dir, threads: 2);
        var probes = RecipeRunner.ProbeLayouts(recipe);
        for (var y = 0; y < recipe.Populations.Length; y++)
        {
            var population = recipe.Populations[y];
            for (var p = 0; p < probes.Count; p++)
            {
                var expected = sink.Population(p, y);
                var sum = new double[expected.Length][];
                for (var c = 0; c < expected.Length; c++)
                {
                    sum[c] = new double[expected[c].Length];
                }

                for (var k = 0; k < population.CellCount; k++)
                {
                    using var reader = Hdf5SignalReader.Open(Hdf5CellContributionWriter.PathOf(dir, population.Name, k));
                    Assert.Equal("complete", reader.Status);
                    var signal = reader.Read(probes[p].Name, population.Name);
                    Assert.Equal(probes[p].Units, signal.Units);
                    Assert.Equal(recipe.DtOutputMs, signal.DtOutputMs);
                    Assert.Equal((expected.Length, (long)expected[0].Length), (signal.Channels, signal.Samples));
                    for (var c = 0; c < signal.Channels; c++)
                    {
                        for (var s = 0; s < signal.Samples; s++)
                        {
                            sum[c][s] += signal[c, s];
                        }
                    }
                }

                var scale = expected.Max(row => row.Max(Math.Abs));
                var worst = expected.Select((row, c) => row.Select((v, s) => Math.Abs(v - sum[c][s])).Max()).Max();
                output.WriteLine($"{population.Name} {probes[p].Name}: max |Σ cells − population| = {worst:E3} of max |population| = {scale:E3}");
                Assert.True(scale > 0);
                Assert.True(worst <= 1e-12 * scale, $"{population.Name} {probes[p].Name}: relative error {worst / scale:E3}");
            }
        }
    }

    [Fact]
    public async Task Kept_set_and_files_are_the_same_for_1_and_2_threads_and_2_dry_run_ranks()
    {
        var recipe = fixture.Recipe with { SingleCellFraction = 0.3, TstopMs = 10 };
        var expected = SingleCellSelection.ChooseAll(recipe);
        Assert.Equal([24, 6], expected.Select(k => k.Length));
        var one = Path.Combine(_root, "t1");
        var two = Path.Combine(_root, "t2");
        var ranks = Path.Combine(_root, "r2");
        await RunLocalAsync(recipe, one, threads: 1);
        await RunLocalAsync(recipe, two, threads: 2);
        await Task.WhenAll(DryRunWorld.Run(2, async context =>
        {
            var probes = RecipeRunner.ProbeLayouts(recipe);
            var outputs = new RunOutputs(recipe, probes, ranks);
            using var metadata = context.Rank == 0 ? outputs.CellMetadata() : null;
            using var singles = outputs.SingleCells(listFiles: context.Rank == 0);
            IReadOnlyList<IWindowSink> sinks = context.Rank == 0 ? [new InMemorySink(probes, recipe.Populations.Length)] : [];
            await RecipeRunner.RunAsync(recipe, sinks, 1, context: context, singleCells: singles, builtCells: metadata);
            singles!.Complete(success: true);
            return 0;
        }, TimeSpan.FromSeconds(60)));

        var names = recipe.Populations.SelectMany((y, i) => expected[i].Select(k => $"{y.Name}_cell{k}.h5")).Order().ToArray();
        foreach (var dir in new[] { one, two, ranks })
        {
            Assert.Equal(names, Directory.GetFiles(Path.Combine(dir, "cells")).Select(Path.GetFileName).Order().ToArray());
        }

        foreach (var name in names.Append("../cells.h5"))
        {
            var reference = File.ReadAllBytes(Path.Combine(one, "cells", name));
            Assert.True(reference.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(two, "cells", name))), $"{name}: 2 threads differ from 1");
            Assert.True(reference.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(ranks, "cells", name))), $"{name}: 2 dry-run ranks differ from 1 process");
        }
    }

    private static async Task<InMemorySink> RunLocalAsync(RecipeDescription recipe, string dir, int threads)
    {
        var probes = RecipeRunner.ProbeLayouts(recipe);
        var outputs = new RunOutputs(recipe, probes, dir);
        var sink = new InMemorySink(probes, recipe.Populations.Length);
        using var metadata = outputs.CellMetadata();
        using var singles = outputs.SingleCells(listFiles: true);
        Assert.NotNull(singles);
        await RecipeRunner.RunAsync(recipe, [sink], threads, singleCells: singles, builtCells: metadata);
        singles.Complete(success: true);
        Assert.True(metadata.Complete);
        return sink;
    }
}

using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Randomness;
using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Tests.Pipeline;

/// <summary>Builders drawing with our own streams: constraints, distributions (fixed seeds, critical values stated), determinism.</summary>
public sealed class DrawnBuildTests
{
    private static readonly SynapseParametersDescription s_synapses = new()
    {
        SectionPatterns = ["dend", "apic"],
        Type = SynapseType.AlphaISyn,
        Weight = 0.2,
        DelayLocMs = 1.5,
    };

    private static PopulationDescription Population(int n, PlacementDescription? placement = null, SynapseParametersDescription? synapses = null) => new()
    {
        Name = "EX",
        Morphology = new MorphologySourceDescription(MorphologyFormat.Swc, null, "inline"),
        CellCount = n,
        Placement = placement ?? new PlacementDescription
        {
            RadiusUm = 100, ZMinUm = -450, ZMaxUm = -350, MinCellInterdistUm = 1,
            MinRZUm = [-1e199, -600, -550, 1e99], MinRUm = [0, 0, 10, 10],
        },
        RandomRotationAxes = ['z'], // a vertical stick keeps its layers under z rotations
        Layers = [new LayerDescription(0, -300), new LayerDescription(-300, -500)],
        InDegrees = [[10, 3], [20, 5]],
        Synapses = [synapses ?? s_synapses, synapses ?? s_synapses],
    };

    private static RecipeDescription Recipe(PopulationDescription population, PresynapticSampling sampling = PresynapticSampling.FullRange) => new()
    {
        DtMs = 0.1,
        DtOutputMs = 0.1,
        TstopMs = 100,
        Seed = 20241122,
        PresynapticSampling = sampling,
        Network =
        [
            new NetworkPopulationDescription("EX", 1, 200, new SpikeSourceDescription { Kind = SpikeSourceKind.Live }),
            new NetworkPopulationDescription("IN", 201, 50, new SpikeSourceDescription { Kind = SpikeSourceKind.Live }),
        ],
        Populations = [population],
        Probes = [new ProbeDescription("cdm", "CurrentDipoleMoment", null)],
    };

    /// <summary>A vertical stick: soma at 0 (area 100 µm²), dend segments going down, apic up (areas 1…).</summary>
    private static SegmentTable Stick()
    {
        var names = new List<string> { "soma[0]" };
        var areas = new List<double> { 100 };
        var mids = new List<Point3> { new(0, 0, 0) };
        for (var i = 0; i < 10; i++)
        {
            names.Add("dend[0]");
            areas.Add(i + 1);
            mids.Add(new Point3(0, 0, -20 - (20 * i)));
            names.Add("apic[0]");
            areas.Add(2 * (i + 1));
            mids.Add(new Point3(0, 0, 20 + (20 * i)));
        }

        return new SegmentTable([.. names], [.. areas], [.. mids], new Point3(0, 0, 0));
    }

    [Fact]
    public void Somata_respect_the_cylinder_min_r_and_interdistance()
    {
        var population = Population(200);
        var positions = SomaPlacementBuilder.Place(Recipe(population), population);
        for (var i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            var r = Math.Sqrt((p.X * p.X) + (p.Y * p.Y));
            Assert.InRange(p.Z, -450, -350);
            Assert.True(r <= 100, $"cell {i}: r = {r}");
            // min_r profile: 0 below −600, rises to 10 at −550, 10 above: every soma here is at r ≥ 10.
            Assert.True(r >= 10, $"cell {i}: r = {r} < min_r = 10");
            for (var j = 0; j < i; j++)
            {
                var q = positions[j];
                var d = Math.Sqrt(((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y)) + ((p.Z - q.Z) * (p.Z - q.Z)));
                Assert.True(d >= 1, $"cells {j} and {i} are {d} µm apart");
            }
        }
    }

    [Fact]
    public void Min_r_profile_interpolates_like_np_interp()
    {
        var p = Population(1).Placement;
        Assert.Equal(0, SomaPlacementBuilder.MinRadius(p, -700));
        Assert.Equal(5, SomaPlacementBuilder.MinRadius(p, -575), 12);
        Assert.Equal(10, SomaPlacementBuilder.MinRadius(p, -400));
        Assert.Equal(0, SomaPlacementBuilder.MinRadius(Population(1, new PlacementDescription { RadiusUm = 1, ZMinUm = 0, ZMaxUm = 1 }).Placement, 0.5));
    }

    [Fact]
    public void Somata_are_uniform_in_the_disc_and_in_z()
    {
        var placement = new PlacementDescription { RadiusUm = 100, ZMinUm = -450, ZMaxUm = -350 };
        var population = Population(5000, placement);
        var positions = SomaPlacementBuilder.Place(Recipe(population), population);
        var rBins = new int[10];
        var zBins = new int[10];
        foreach (var p in positions)
        {
            // uniform in a disc ⇔ r²/R² uniform on [0, 1)
            rBins[Math.Min(9, (int)(((p.X * p.X) + (p.Y * p.Y)) / 1e4 * 10))]++;
            zBins[Math.Min(9, (int)((p.Z + 450) / 10))]++;
        }

        // 9 degrees of freedom: P(χ² > 27.88) = 0.001.
        Assert.True(ChiSquareUniform(rBins) < 27.88, $"r² χ² = {ChiSquareUniform(rBins)}");
        Assert.True(ChiSquareUniform(zBins) < 27.88, $"z χ² = {ChiSquareUniform(zBins)}");
    }

    [Fact]
    public void Placement_is_a_prefix_function_of_the_cell_index()
    {
        var small = Population(30);
        var large = Population(120);
        var a = SomaPlacementBuilder.Place(Recipe(small), small);
        var b = SomaPlacementBuilder.Place(Recipe(large), large);
        Assert.Equal(a, b.Take(30));
        Assert.Equal(a, SomaPlacementBuilder.Place(Recipe(small), small));
    }

    [Fact]
    public void Impossible_placement_names_the_population_and_cell()
    {
        var population = Population(50, new PlacementDescription { RadiusUm = 1, ZMinUm = 0, ZMaxUm = 1, MinCellInterdistUm = 5 });
        var e = Assert.Throws<InputException>(() => SomaPlacementBuilder.Place(Recipe(population), population));
        Assert.Contains("populations.EX.placement", e.Message);
        Assert.Contains("cell 1 of 50", e.Message);
    }

    [Fact]
    public void Synapses_land_only_on_matching_sections_inside_the_layer_in_proportion_to_area()
    {
        var segments = Stick();
        // Placed with soma at z = −100: apic segments at −80 … +100, dend at −120 … −300.
        var transform = new CellTransform(segments.SomaPosition, new Point3(0, 0, -100), default);
        var sampler = new SynapseSegmentSampler(segments, transform, ["apic"], new LayerDescription(0, -100));
        // apic midpoints strictly inside (−100, 0): z = −80, −60, −40, −20 → apic segments 0…3 = indices 2, 4, 6, 8; z = 0 is on the boundary: excluded.
        Assert.Equal([2, 4, 6, 8], sampler.Candidates);

        var rng = new CounterRandom(5, "EX", 0, DrawPurpose.SynapseSegments);
        var draws = new int[40_000];
        sampler.Sample(ref rng, draws, "test");
        var counts = new[] { 2, 4, 6, 8 }.Select(s => draws.Count(d => d == s)).ToArray();
        // areas 2, 4, 6, 8 µm² → p = 0.1, 0.2, 0.3, 0.4; 3 degrees of freedom: P(χ² > 16.27) = 0.001.
        double[] p = [0.1, 0.2, 0.3, 0.4];
        var chi2 = counts.Select((c, i) => (c - (p[i] * draws.Length)) * (c - (p[i] * draws.Length)) / (p[i] * draws.Length)).Sum();
        Assert.True(chi2 < 16.27, $"χ² = {chi2}");

        var empty = new SynapseSegmentSampler(segments, transform, ["axon"], new LayerDescription(0, -100));
        Assert.Empty(empty.Candidates);
        var e = Assert.Throws<InputException>(() => { var r = rng; empty.Sample(ref r, new int[3], "populations.EX cell 4"); });
        Assert.Contains("populations.EX cell 4", e.Message);
    }

    [Fact]
    public void Presynaptic_gids_cover_the_range_or_exclude_the_last_as_hybridLFPy()
    {
        var x = new NetworkPopulationDescription("IN", 201, 5, new SpikeSourceDescription { Kind = SpikeSourceKind.Live });
        var rng = new CounterRandom(1, "EX", 0, DrawPurpose.PresynapticGids);
        var full = new long[5000];
        PresynapticGidSampler.Sample(ref rng, x, PresynapticSampling.FullRange, full);
        Assert.Equal([201L, 202, 203, 204, 205], full.Distinct().Order());
        var hybrid = new long[5000];
        PresynapticGidSampler.Sample(ref rng, x, PresynapticSampling.HybridLfpyExcludeLast, hybrid);
        Assert.Equal([201L, 202, 203, 204], hybrid.Distinct().Order());
    }

    [Fact]
    public void Fixed_delays_are_exactly_loc_and_drawn_delays_are_truncated_whole_steps_above_the_minimum()
    {
        var rng = new CounterRandom(3, "EX", 0, DrawPurpose.Delays);
        var fixedDelays = new double[10];
        DelaySampler.Sample(ref rng, s_synapses, 0.1, 0.1, fixedDelays);
        Assert.All(fixedDelays, d => Assert.Equal(1.5, d));

        var drawn = s_synapses with { DelayLocMs = 1.5, DelayScaleMs = 0.2 };
        var delays = new double[20_000];
        DelaySampler.Sample(ref rng, drawn, 0.1, 1.0, delays);
        Assert.All(delays, d =>
        {
            Assert.True(d >= 1.0 - 1e-12, $"delay {d} below the minimum");
            var steps = d / 0.1;
            Assert.Equal(Math.Round(steps), steps, 9);
        });
        // trunc(N(15, 2)) steps has mean ≈ 15 − 0.5 = 14.5 (the fractional part is ≈ uniform for σ = 2 steps;
        // the cut at 10 steps removes 0.6 % of the mass at 2.5 σ, raising the mean by ≈ 0.01). SE = 2/√20000 = 0.014.
        var meanSteps = delays.Average() / 0.1;
        Assert.InRange(meanSteps, 14.5 - 0.07, 14.5 + 0.08);
    }

    [Fact]
    public void A_cell_is_the_same_whichever_order_or_thread_builds_it()
    {
        var population = Population(40);
        var recipe = Recipe(population, PresynapticSampling.HybridLfpyExcludeLast);
        var segments = Stick();
        var positions = SomaPlacementBuilder.Place(recipe, population);
        string Signature(int i)
        {
            var d = CellDrawsBuilder.Build(recipe, population, i, segments, positions);
            return $"{d.SomaPositionUm} {d.Rotation} " + string.Join(";", d.Connections.SelectMany(c => c).Select(g =>
                string.Join(",", g.SegmentIndices) + "|" + string.Join(",", g.PresynapticGids) + "|" + string.Join(",", g.DelaysMs)));
        }

        var forward = Enumerable.Range(0, 40).Select(Signature).ToArray();
        var parallel = new string[40];
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[39 - i] = Signature(39 - i));
        Assert.Equal(forward, parallel);
        Assert.Equal(40, forward.Distinct().Count());

        var draws = CellDrawsBuilder.Build(recipe, population, 7, segments, positions);
        Assert.Null(draws.Rotation.XRad);
        Assert.Null(draws.Rotation.YRad);
        Assert.InRange(draws.Rotation.ZRad!.Value, 0, 2 * Math.PI);
        Assert.Equal([10, 3], draws.Connections.Select(x => x[0].SegmentIndices.Length));
        Assert.All(draws.Connections[1][1].PresynapticGids, g => Assert.InRange(g, 201, 249));
        // layer 0 is (−300, 0): with the soma between −450 and −350 only apic segments above −300 qualify.
        var transform = new CellTransform(segments.SomaPosition, draws.SomaPositionUm, draws.Rotation);
        Assert.All(draws.Connections[0][0].SegmentIndices, s => Assert.InRange(transform.Apply(segments.Midpoint(s)).Z, -300, 0));

        var cell = CellConnectivityBuilder.Build(recipe, population, draws);
        Assert.Equal(10 + 20 + 3 + 5, cell.Connections.Length);
        Assert.Equal(cell.Synapses.Length, cell.Connections.Select(c => c.SynapseIndex).Distinct().Count());
        Assert.All(cell.Connections, c => Assert.Equal(cell.Synapses[c.SynapseIndex].SegmentIndex,
            draws.Connections[cell.Synapses[c.SynapseIndex].NetworkIndex][cell.Synapses[c.SynapseIndex].LayerIndex].SegmentIndices
                .First(s => s == cell.Synapses[c.SynapseIndex].SegmentIndex)));
    }

    private static double ChiSquareUniform(int[] counts)
    {
        var expected = counts.Sum() / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}

using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

/// <summary>Builders checked against what hybridLFPy really built in the reference case.</summary>
public sealed class InjectedBuildTests(HybridCaseFixture fixture) : IClassFixture<HybridCaseFixture>
{
    [Theory]
    [InlineData("EX", 0)]
    [InlineData("EX", 41)]
    [InlineData("IN", 0)]
    [InlineData("IN", 19)]
    public void Transform_reproduces_LFPys_placed_geometry(string y, int cellIndex)
    {
        var population = fixture.Recipe.Populations.Single(p => p.Name == y);
        var draws = population.Injected!.Cells[cellIndex];
        var segments = fixture.Segments(y);
        var transform = new CellTransform(segments.SomaPosition, draws.SomaPositionUm, draws.Rotation);
        var expected = HybridCaseFixture.Midpoints(fixture.Population(y).GetProperty("cells")[cellIndex].GetProperty("geometry"));
        var worst = 0.0;
        for (var s = 0; s < segments.SegmentCount; s++)
        {
            var p = transform.Apply(segments.Midpoint(s));
            worst = Math.Max(worst, Math.Max(Math.Abs(p.X - expected[s].X), Math.Max(Math.Abs(p.Y - expected[s].Y), Math.Abs(p.Z - expected[s].Z))));
        }

        Assert.True(worst < 1e-9, $"max |Δ| = {worst} µm");
    }

    [Fact]
    public void Eligible_segments_match_the_rule_on_the_placed_cells_and_contain_every_recorded_draw()
    {
        var checkedGroups = 0;
        foreach (var population in fixture.Recipe.Populations)
        {
            var segments = fixture.Segments(population.Name);
            var cellsJson = fixture.Population(population.Name).GetProperty("cells");
            foreach (var draws in population.Injected!.Cells)
            {
                var transform = new CellTransform(segments.SomaPosition, draws.SomaPositionUm, draws.Rotation);
                var placed = HybridCaseFixture.Midpoints(cellsJson[draws.CellIndex].GetProperty("geometry"));
                for (var x = 0; x < draws.Connections.Length; x++)
                {
                    for (var l = 0; l < draws.Connections[x].Length; l++)
                    {
                        var layer = population.Layers[l];
                        var patterns = population.Synapses[x].SectionPatterns;
                        var sampler = new SynapseSegmentSampler(segments, transform, patterns, layer);
                        // Independent: the rule applied to LFPy's own placed geometry.
                        var expected = Enumerable.Range(0, segments.SegmentCount)
                            .Where(s => patterns.Any(pat => segments.SectionName(s).Contains(pat, StringComparison.Ordinal)))
                            .Where(s => placed[s].Z > layer.BottomUm && placed[s].Z < layer.TopUm)
                            .ToArray();
                        Assert.Equal(expected, sampler.Candidates);
                        Assert.All(draws.Connections[x][l].SegmentIndices, idx => Assert.Contains(idx, sampler.Candidates));
                        checkedGroups++;
                    }
                }
            }
        }

        Assert.Equal((80 + 20) * 2 * 2, checkedGroups);
    }

    [Fact]
    public void Synapses_and_spike_trains_are_those_hybridLFPy_inserted()
    {
        var spikesByGid = fixture.Recipe.Network.SelectMany(x => x.Source.Spikes)
            .GroupBy(s => s.Gid).ToDictionary(g => g.Key, g => g.Select(s => s.TimeMs).ToArray());
        var synapseCount = 0;
        foreach (var population in fixture.Recipe.Populations)
        {
            var cellsJson = fixture.Population(population.Name).GetProperty("cells");
            foreach (var draws in population.Injected!.Cells)
            {
                var cell = CellConnectivityBuilder.Build(fixture.Recipe, population, draws);
                var inserted = cellsJson[draws.CellIndex].GetProperty("synapses_inserted");
                Assert.Equal(inserted.GetArrayLength(), cell.Synapses.Length);
                for (var s = 0; s < cell.Synapses.Length; s++)
                {
                    var expected = inserted[s];
                    Assert.Equal(expected.GetProperty("idx").GetInt32(), cell.Synapses[s].SegmentIndex);
                    Assert.Equal(expected.GetProperty("weight").GetDouble(), cell.Synapses[s].Parameters.Weight);
                    Assert.Equal(expected.GetProperty("tau").GetDouble(), cell.Synapses[s].Parameters.TauMs);
                    Assert.Equal(expected.GetProperty("syntype").GetString(), cell.Synapses[s].Parameters.Type.ToString());
                    var train = cell.Connections.Where(c => c.SynapseIndex == s)
                        .SelectMany(c => spikesByGid.GetValueOrDefault(c.PresynapticGid, []).Select(t => t + c.DelayMs))
                        .Order().ToArray();
                    Assert.Equal(ReferenceCase.Vector(expected.GetProperty("spike_times")), train);
                    synapseCount++;
                }
            }
        }

        Assert.Equal(877, synapseCount);
    }
}

using HybridLfp.Streaming.Pipeline.Building;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class HybridCaseRecipeReaderTests(HybridCaseFixture fixture) : IClassFixture<HybridCaseFixture>
{
    private readonly RecipeDescription _recipe = fixture.Recipe;

    [Fact]
    public void Reads_the_time_grid_network_and_populations()
    {
        Assert.Equal(0.1, _recipe.DtMs);
        Assert.Equal(0.1, _recipe.DtOutputMs);
        Assert.Equal(300.0, _recipe.TstopMs);
        Assert.Equal(["EX", "IN"], _recipe.Network.Select(x => x.Name));
        Assert.Equal((1L, 80L), (_recipe.Network[0].FirstGid, _recipe.Network[0].Count));
        Assert.Equal((81L, 20L, 100L), (_recipe.Network[1].FirstGid, _recipe.Network[1].Count, _recipe.Network[1].LastGid));
        Assert.Equal(388, _recipe.Network[0].Source.Spikes.Length);
        Assert.Equal(191, _recipe.Network[1].Source.Spikes.Length);
        Assert.Equal(new SpikeEvent(1, 259.5), _recipe.Network[0].Source.Spikes[0]);
        Assert.Equal(new SpikeEvent(2, 55.3), _recipe.Network[0].Source.Spikes[1]);

        var ex = _recipe.Populations.Single(p => p.Name == "EX");
        var inn = _recipe.Populations.Single(p => p.Name == "IN");
        Assert.Equal(80, ex.CellCount);
        Assert.Equal(20, inn.CellCount);
        Assert.Equal(80, ex.Injected!.Cells.Length);
        Assert.Equal(20, inn.Injected!.Cells.Length);
        Assert.Equal(31415926ul, ex.Seed);
        Assert.Equal(31415927ul, inn.Seed);
        Assert.StartsWith("1 1 0.0 0.0 -10.0 10.0 -1", ex.Morphology.InlineText);
        Assert.Equal(5e-5, ex.Cell.GPasSPerCm2);
        Assert.Equal(0.0, ex.Cell.EPasMv);
        Assert.Equal([[4, 0], [4, 2]], ex.InDegrees.Select(r => r.ToArray()));
        Assert.Equal([[0, 0], [8, 2]], inn.InDegrees.Select(r => r.ToArray()));
        Assert.Equal(0.20680155243678455, ex.Synapses[0].Weight);
        Assert.Equal(-1.2408093146207075, ex.Synapses[1].Weight);
        Assert.Equal(SynapseType.AlphaISyn, inn.Synapses[1].Type);
        Assert.Equal(["dend", "soma"], inn.Synapses[0].SectionPatterns.ToArray());
        Assert.Null(ex.Synapses[0].DelayScaleMs);
        Assert.Equal([new LayerDescription(0, -300), new LayerDescription(-300, -500)], ex.Layers.ToArray());
        Assert.Equal([-1e199, -600, -550, 1e99], ex.Placement.MinRZUm.ToArray());
        Assert.Equal(["RecExtElectrode", "LaminarCurrentSourceDensity"], _recipe.Probes.Select(p => p.Name));
        Assert.Empty(RecipeValidator.Validate(_recipe));
        Assert.Equal(1.5, DelayBounds.MinimumDelayMs(_recipe));
    }

    [Fact]
    public void Reads_every_cells_draws()
    {
        var ex0 = _recipe.Populations[0].Injected!.Cells[0];
        Assert.Equal(new Point3(-17.59266049762647, -5.709807534497524, -426.04392603136205), ex0.SomaPositionUm);
        Assert.Equal(new RotationDescription(null, null, 1.6370732445447838), ex0.Rotation);
        Assert.Equal([27, 25, 24, 27], ex0.Connections[0][0].SegmentIndices.ToArray());
        Assert.Equal([78L, 10, 49, 21], ex0.Connections[0][1].PresynapticGids.ToArray());
        Assert.Empty(ex0.Connections[1][0].SegmentIndices);
        Assert.Equal([89L, 86], ex0.Connections[1][1].PresynapticGids.ToArray());
        Assert.All(ex0.Connections.SelectMany(c => c).SelectMany(g => g.DelaysMs), d => Assert.Equal(1.5, d));

        var in0 = _recipe.Populations[1].Injected!.Cells[0];
        Assert.Equal(new RotationDescription(3.9751667478499177, 4.128801443553554, 0.5062261618968501), in0.Rotation);
        Assert.Equal([8, 16, 20, 12, 0, 17, 13, 14], in0.Connections[0][1].SegmentIndices.ToArray());

        // disc-contact points: 6 contacts × 20 points per cell, the case's values
        var expected = fixture.Population("IN").GetProperty("cells")[0].GetProperty("disk_recorded_points");
        var points = in0.ContactPoints[HybridCaseRecipeReader.ElectrodeProbe];
        Assert.Equal(6, points.Length);
        Assert.All(points, c => Assert.Equal(20, c.Length));
        Assert.Equal(expected[5][19][2].GetDouble(), points[5][19].Z);
        Assert.Equal(expected[0][0][0].GetDouble(), points[0][0].X);

        var totalConnections = _recipe.Populations.Sum(p => p.Injected!.Cells.Sum(c => c.Connections.Sum(x => x.Sum(g => g.SegmentIndices.Length))));
        // EX: 80 cells × (4 + 4 + 0 + 2); IN: 20 cells × (8 + 2)
        Assert.Equal((80 * 10) + (20 * 10), totalConnections);
    }

    [Fact]
    public void Loader_accepts_the_case_file_directly()
    {
        var recipe = RecipeLoader.LoadFile(SharedPaths.Of("reference", "cases", HybridCaseFixture.CaseName + ".json"));
        Assert.Equal(2, recipe.Populations.Length);
        Assert.NotNull(recipe.Populations[1].Injected);
    }
}

using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Tests.Pipeline;

public sealed class RecipeLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-recipe-").FullName;

    public RecipeLoaderTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "morph"));
        File.WriteAllText(Path.Combine(_dir, "morph", "ex.swc"), "1 1 0 0 0 10 -1\n");
        File.WriteAllText(Path.Combine(_dir, "morph", "in.swc"), "1 1 0 0 0 10 -1\n");
        File.WriteAllText(Path.Combine(_dir, "ex.gdf"), "1\t0.5\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The example_brunel set-up of timings.md §2 (ORDER = 50).
    private const string BrunelYaml = """
        dt: 0.1
        dt_output: 1.0
        tstop: 1000
        seed: 1234
        single_cell_fraction: 0.1
        presynaptic_sampling: hybridlfpy
        layer_boundaries: [[0, -300], [-300, -500]]
        network:
          EX: {first_gid: 1, count: 200, source: {kind: gdf, files: [ex.gdf]}}
          IN: {first_gid: 201, count: 50, source: {kind: poisson, rate_hz: 20}}
        populations:
          EX:
            morphology: morph/ex.swc
            cell: {cm: 1.0, Ra: 150, g_pas: 5.0e-5, e_pas: 0.0, v_init: 0.0, nsegs_method: lambda_f, lambda_f: 100, d_lambda: 0.1}
            number: 200
            placement: {radius: 100, z_min: -450, z_max: -350, min_cell_interdist: 1.0,
                        min_r: [[-1.0e199, -600, -550, 1.0e99], [0, 0, 10, 10]]}
            rand_rot_axis: [z]
            k_yXL: [[10, 0], [10, 5]]
            synParams: {section: [apic, dend], syntype: AlphaISyn}
            tau_yX: [0.5, 0.5]
            J_yX: {EX: 0.2068, IN: -1.2408}
            synDelayLoc: [1.5, 1.5]
            synDelayScale: [null, 0.2]
          IN:
            morphology: morph/in.swc
            number: 50
            placement: {radius: 100, z_min: -450, z_max: -350}
            rand_rot_axis: [x, y, z]
            k_yXL: [[0, 0], [20, 5]]
            synParams: {section: [dend, soma], syntype: AlphaISyn}
            J_yX: [0.2068, -1.2408]
            synDelayLoc: [1.5, 1.5]
        probes:
          - model: RecExtElectrode
            params: {x: [0, 0], y: [0, 0], z: [0, -100], sigma: 0.3, r: 5, n: 20, method: root_as_point}
          - model: LaminarCurrentSourceDensity
            name: CSD
            params: {z: [[-50, 50], [-150, -50]], r: [100, 100]}
        outputs: {directory: results, formats: [hdf5, csv]}
        """;

    [Theory]
    [InlineData("morph/cell.asc", MorphologyFormat.Neurolucida)]
    [InlineData("morph/cell.xml", MorphologyFormat.MorphMl)]
    [InlineData("morph/cell.nml", MorphologyFormat.MorphMl)]
    [InlineData("morph/cell.hoc", MorphologyFormat.Hoc)]
    public void Morphology_format_follows_the_file_extension(string path, MorphologyFormat expected)
    {
        File.WriteAllText(Path.Combine(_dir, path), ""); // the loader checks existence; the reader runs at build time
        var recipe = RecipeLoader.Load(BrunelYaml.Replace("morph/ex.swc", path), isJson: false, _dir);
        Assert.Equal(expected, recipe.Populations[0].Morphology.Format);
        Assert.Equal(Path.Combine(_dir, path), recipe.Populations[0].Morphology.Path);
    }

    [Fact]
    public void Loads_the_brunel_recipe_with_units_and_resolved_paths()
    {
        var recipe = RecipeLoader.Load(BrunelYaml, isJson: false, _dir);
        Assert.Equal(0.1, recipe.DtMs);
        Assert.Equal(1.0, recipe.DtOutputMs);
        Assert.Equal(1000.0, recipe.TstopMs);
        Assert.Equal(1234ul, recipe.Seed);
        Assert.Equal(PresynapticSampling.HybridLfpyExcludeLast, recipe.PresynapticSampling);
        Assert.Equal(["EX", "IN"], recipe.Network.Select(n => n.Name));
        Assert.Equal(250, recipe.Network[1].LastGid);
        Assert.Equal(Path.Combine(_dir, "ex.gdf"), recipe.Network[0].Source.Files.Single());
        Assert.Equal(SpikeSourceKind.Poisson, recipe.Network[1].Source.Kind);
        Assert.Equal(20.0, recipe.Network[1].Source.RateHz);

        var ex = recipe.Populations[0];
        Assert.Equal(Path.Combine(_dir, "morph", "ex.swc"), ex.Morphology.Path);
        Assert.Equal(MorphologyFormat.Swc, ex.Morphology.Format);
        Assert.Equal(5.0e-5, ex.Cell.GPasSPerCm2);
        Assert.Equal(0.0, ex.Cell.EPasMv);
        Assert.Equal(200, ex.CellCount);
        Assert.Equal(-450.0, ex.Placement.ZMinUm);
        Assert.Equal([-1.0e199, -600, -550, 1.0e99], ex.Placement.MinRZUm.ToArray());
        Assert.Equal([0.0, 0, 10, 10], ex.Placement.MinRUm.ToArray());
        Assert.Equal(['z'], ex.RandomRotationAxes.ToArray());
        Assert.Equal([new LayerDescription(0, -300), new LayerDescription(-300, -500)], ex.Layers.ToArray());
        Assert.Equal([5], ex.InDegrees.Select(r => r[1]).Skip(1));
        Assert.Equal(-1.2408, ex.Synapses[1].Weight);
        Assert.Equal(["apic", "dend"], ex.Synapses[0].SectionPatterns.ToArray());
        Assert.Null(ex.Synapses[0].DelayScaleMs);
        Assert.Equal(0.2, ex.Synapses[1].DelayScaleMs);

        var inn = recipe.Populations[1];
        Assert.Equal(['x', 'y', 'z'], inn.RandomRotationAxes.ToArray());
        Assert.Equal(ex.Layers, inn.Layers); // top-level default
        Assert.Equal(-65.0, inn.Cell.EPasMv); // LFPy default

        Assert.Equal(["RecExtElectrode", "CSD"], recipe.Probes.Select(p => p.Name));
        Assert.Equal("LaminarCurrentSourceDensity", recipe.Probes[1].Model);
        Assert.Equal("root_as_point", ((RecipeScalar)recipe.Probes[0].Parameters!.Get("method")!).Text);
        Assert.Equal(Path.Combine(_dir, "results"), recipe.Outputs.Directory);
        Assert.Equal([OutputFormat.Hdf5, OutputFormat.Csv], recipe.Outputs.Formats.ToArray());
    }

    [Fact]
    public void Json_form_gives_the_same_description()
    {
        const string json = """
            {
              "dt": 0.1, "tstop": 100,
              "network": {"EX": {"first_gid": 1, "count": 10, "source": {"kind": "inline", "spikes": [[1, 0.5], [3, 2.0]]}}},
              "populations": {
                "EX": {
                  "morphology": "morph/ex.swc", "number": 3,
                  "placement": {"radius": 50, "z_min": -10, "z_max": 10},
                  "layer_boundaries": [[0, -300]],
                  "k_yXL": [[4]],
                  "synParams": {"section": ["dend"], "syntype": "ExpSyn", "e": 0, "tau": 2},
                  "J_yX": [0.001], "synDelayLoc": [1.5]
                }
              },
              "probes": [{"model": "CurrentDipoleMoment"}]
            }
            """;
        var recipe = RecipeLoader.Load(json, isJson: true, _dir);
        Assert.Equal(0.1, recipe.DtOutputMs); // defaults to dt
        Assert.Equal([new SpikeEvent(1, 0.5), new SpikeEvent(3, 2.0)], recipe.Network[0].Source.Spikes.ToArray());
        var s = recipe.Populations[0].Synapses.Single();
        Assert.Equal(SynapseType.ExpSyn, s.Type);
        Assert.Equal(2.0, s.TauMs);
        Assert.Equal(0.001, s.Weight);
        Assert.Equal("CurrentDipoleMoment", recipe.Probes[0].Name);
    }

    [Fact]
    public void Synapse_parameters_may_be_given_per_presynaptic_population_as_in_hybridLFPy()
    {
        var yaml = BrunelYaml.Replace(
            "synParams: {section: [apic, dend], syntype: AlphaISyn}",
            "synParams: {EX: {section: [apic, dend], syntype: AlphaISyn}, IN: {section: [soma], syntype: ExpSynI, tau: 2.0}}",
            StringComparison.Ordinal);
        var ex = RecipeLoader.Load(yaml, isJson: false, _dir).Populations[0];
        Assert.Equal(["apic", "dend"], ex.Synapses[0].SectionPatterns.ToArray());
        Assert.Equal(SynapseType.AlphaISyn, ex.Synapses[0].Type);
        Assert.Equal(0.5, ex.Synapses[0].TauMs); // tau_yX
        Assert.Equal(["soma"], ex.Synapses[1].SectionPatterns.ToArray());
        Assert.Equal(SynapseType.ExpSynI, ex.Synapses[1].Type);
        Assert.Equal(0.5, ex.Synapses[1].TauMs); // tau_yX overrides synParams.tau, as hybridLFPy passes tau_yX last
        Assert.Equal(-1.2408, ex.Synapses[1].Weight);
    }

    [Fact]
    public void Reports_every_problem_at_once_with_path_line_and_expectation()
    {
        const string yaml = """
            dt: 0.1
            dt_output: 0.25
            tstop: 100
            layer_boundaries: [[0, -300], [-300, -500]]
            network:
              EX: {first_gid: 1, count: 200, source: {kind: gdf, files: [missing.gdf]}}
              IN: {first_gid: 201, count: 50, source: {kind: poisson, rate_hz: 20}}
            populations:
              EX:
                morphology: morph/nothere.swc
                number: -5
                placement: {radius: 100, z_min: -450, z_max: -350}
                k_yXL: [[10, 0, 1], [10, 5, 1]]
                synParams: {section: [dend], syntype: AlphaISyn}
                J_yX: {EX: 0.2, GABA: -1.2, IN: -1.2}
                synDelayLoc: [1.5, 0.05]
            probes:
              - model: RecExtElectrode
            """;
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Load(yaml, isJson: false, _dir, "brunel.yaml"));
        Assert.Equal(
            ["dt_output", "network.EX.source.files", "populations.EX.J_yX.GABA", "populations.EX.k_yXL",
             "populations.EX.morphology", "populations.EX.number", "populations.EX.synDelayLoc.IN"],
            e.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));

        var k = e.Problems.Single(p => p.Path == "populations.EX.k_yXL");
        Assert.Equal("expected 2 rows (layers) × 2 columns (X), got 2×3", k.Message);
        Assert.Equal(13, k.Line);

        var unknown = e.Problems.Single(p => p.Path == "populations.EX.J_yX.GABA");
        Assert.Contains("unknown population 'GABA'", unknown.Message);
        Assert.Equal(15, unknown.Line);

        var morph = e.Problems.Single(p => p.Path == "populations.EX.morphology");
        Assert.Contains("morphology file not found", morph.Message);
        Assert.Contains("nothere.swc", morph.Message);
        Assert.Equal(10, morph.Line);

        var count = e.Problems.Single(p => p.Path == "populations.EX.number");
        Assert.Equal("number of cells must be ≥ 0, got -5", count.Message);
        Assert.Equal(11, count.Line);

        var delay = e.Problems.Single(p => p.Path == "populations.EX.synDelayLoc.IN");
        Assert.Equal("delay must be ≥ dt = 0.1 ms, got 0.05 ms", delay.Message);
        Assert.Equal(16, delay.Line); // nearest ancestor present in the file

        var dtOut = e.Problems.Single(p => p.Path == "dt_output");
        Assert.Contains("whole multiple of dt", dtOut.Message);
        Assert.Equal(2, dtOut.Line);

        var spikes = e.Problems.Single(p => p.Path == "network.EX.source.files");
        Assert.Contains("missing.gdf", spikes.Message);
        Assert.Contains("brunel.yaml", e.Message);
        Assert.Contains("populations.EX.k_yXL", e.Message);
    }

    [Fact]
    public void Reports_time_grid_and_structure_problems()
    {
        const string yaml = """
            dt: 0
            tstop: -1
            network:
              EX: {first_gid: 1, count: 0, source: {kind: carrier_pigeon}}
            populations:
              EX:
                morphology: morph/ex.swc
                number: 2
                placement: {radius: 100, z_min: 10, z_max: -10, radiuss: 3}
                layer_boundaries: [[0, -300]]
                k_yXL: [[1]]
                synParams: {section: [dend], syntype: Kainate}
                J_yX: [0.2, 0.3]
                synDelayLoc: [1.5]
            probes:
              - model: Electrode
              - {model: RecExtElectrode, name: Electrode}
              - {model: RecExtElectrode, name: Electrode}
            """;
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Load(yaml, isJson: false, _dir));
        string[] expectedPaths =
        [
            "dt", "tstop", "network.EX.count", "network.EX.source.kind", "populations.EX.placement.radiuss",
            "populations.EX.placement", "populations.EX.synParams.syntype", "populations.EX.J_yX",
            "probes[0].model", "probes[2].name",
        ];
        foreach (var path in expectedPaths)
        {
            Assert.Contains(e.Problems, p => p.Path == path);
        }

        var grid = Assert.Throws<RecipeException>(() => RecipeLoader.Load(
            yaml.Replace("dt: 0\n", "dt: 0.1\ndt_output: 0.5\n", StringComparison.Ordinal).Replace("tstop: -1", "tstop: 10.2", StringComparison.Ordinal), isJson: false, _dir));
        Assert.Contains(grid.Problems, p => p.Path == "tstop" && p.Message.Contains("multiple of dt_output = 0.5 ms, got 10.2 ms", StringComparison.Ordinal));
        Assert.DoesNotContain(grid.Problems, p => p.Path == "dt");

        Assert.Contains(e.Problems, p => p.Path == "populations.EX.J_yX" && p.Message == "expected 1 values, one per network population (EX), got 2");
        Assert.Contains(e.Problems, p => p.Path == "populations.EX.placement.radiuss" && p.Message.StartsWith("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_value_is_reported_once()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Load("dt: fast\ntstop: 10\nnetwork: {}\npopulations: {}\nprobes: [{model: CurrentDipoleMoment}]\n", isJson: false, _dir));
        var dt = Assert.Single(e.Problems, p => p.Path == "dt" && p.Line == 1);
        Assert.Equal("expected a number, got 'fast'", dt.Message);
    }

    [Fact]
    public void Syntax_errors_name_the_line()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeLoader.Load("dt: 0.1\nnetwork: [1, 2\n", isJson: false, _dir, "bad.yaml"));
        Assert.True(e.Problems.Single().Line >= 2);
        var j = Assert.Throws<RecipeException>(() => RecipeLoader.Load("{\"dt\": 0.1,\n \"tstop\": }", isJson: true, _dir, "bad.json"));
        Assert.Equal(2, j.Problems.Single().Line);
    }

    [Fact]
    public void Loads_from_a_file_relative_to_its_folder()
    {
        var path = Path.Combine(_dir, "brunel.yaml");
        File.WriteAllText(path, BrunelYaml);
        var recipe = RecipeLoader.LoadFile(path);
        Assert.Equal(_dir, recipe.BaseDirectory);
        Assert.Equal(Path.Combine(_dir, "morph", "in.swc"), recipe.Populations[1].Morphology.Path);
    }
}

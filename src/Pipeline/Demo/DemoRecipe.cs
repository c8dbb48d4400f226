using System.Collections.Immutable;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>
/// The demo model, a Brunel-like hybrid run in the shape of hybridLFPy's example_brunel but on the project's own
/// cells and inputs: network populations EX and IN (Poisson spike files), 40 EX cells on the pyramidal
/// morphology and 10 IN cells on the ball-and-stick, current-based alpha synapses (AlphaISyn, τ = 0.5 ms) with
/// layer-specific in-degrees, fixed 1.5 ms delays, a 6-contact disc electrode (root-as-point, r = 5 µm) along
/// the column axis and a laminar CSD over the same depths. Column: z from 0 down to −900 µm, three layers.
/// </summary>
public static class DemoRecipe
{
    /// <summary>Contact depths of the electrode and centres of the CSD bins, µm.</summary>
    public static readonly double[] ContactDepthsUm = [-100, -250, -400, -550, -700, -850];

    /// <summary>Recipe for the given inputs (absolute paths) and options.</summary>
    public static RecipeDescription Create(DemoOptions options, string outputDirectory, string pyramidalPath, string ballAndStickPath,
        string excitatorySpikes, string inhibitorySpikes)
    {
        var layers = ImmutableArray.Create(new LayerDescription(0, -300), new LayerDescription(-300, -600), new LayerDescription(-600, -900));
        var cell = new CellParametersDescription
        {
            CmUfPerCm2 = 1.0,
            RaOhmCm = 150,
            GPasSPerCm2 = 5e-5,
            EPasMv = 0,
            VInitMv = 0,
            Segmentation = SegmentationMethod.LambdaF,
            LambdaFHz = 100,
            DLambda = 0.1,
        };
        static SynapseParametersDescription Synapse(double weightNa, params string[] sections) => new()
        {
            SectionPatterns = [.. sections],
            Type = SynapseType.AlphaISyn,
            TauMs = 0.5,
            Weight = weightNa,
            DelayLocMs = 1.5,
            DelayScaleMs = null,
        };
        const double excitatoryWeightNa = 0.1;
        const double inhibitoryWeightNa = -0.5;
        var nEx = options.NetworkSize.Excitatory;
        var nIn = options.NetworkSize.Inhibitory;
        var z = ContactDepthsUm;
        return new RecipeDescription
        {
            DtMs = 0.1,
            DtOutputMs = 1.0,
            TstopMs = options.TstopMs,
            Seed = options.Seed,
            Network =
            [
                new NetworkPopulationDescription("EX", 1, nEx, new SpikeSourceDescription { Kind = SpikeSourceKind.NestDat, Files = [excitatorySpikes] }),
                new NetworkPopulationDescription("IN", 1 + nEx, nIn, new SpikeSourceDescription { Kind = SpikeSourceKind.NestDat, Files = [inhibitorySpikes] }),
            ],
            Populations =
            [
                new PopulationDescription
                {
                    Name = "EX",
                    Morphology = new MorphologySourceDescription(MorphologyFormat.Hoc, pyramidalPath),
                    Cell = cell,
                    CellCount = options.ExcitatoryCells,
                    Placement = new PlacementDescription { RadiusUm = 150, ZMinUm = -800, ZMaxUm = -700, MinCellInterdistUm = 1.0 },
                    RandomRotationAxes = ['z'],
                    Layers = layers,
                    // rows: layers (top to bottom); columns: EX, IN. Excitation on the tuft and basal dendrites, inhibition near the soma.
                    InDegrees = [[20, 0], [10, 0], [20, 10]],
                    Synapses = [Synapse(excitatoryWeightNa, "apic", "dend"), Synapse(inhibitoryWeightNa, "soma", "dend")],
                },
                new PopulationDescription
                {
                    Name = "IN",
                    Morphology = new MorphologySourceDescription(MorphologyFormat.Hoc, ballAndStickPath),
                    Cell = cell,
                    CellCount = options.InhibitoryCells,
                    Placement = new PlacementDescription { RadiusUm = 150, ZMinUm = -900, ZMaxUm = -850, MinCellInterdistUm = 1.0 },
                    RandomRotationAxes = ['z'],
                    Layers = layers,
                    InDegrees = [[0, 0], [10, 0], [10, 10]],
                    Synapses = [Synapse(excitatoryWeightNa, "dend"), Synapse(inhibitoryWeightNa, "soma", "dend")],
                },
            ],
            Probes =
            [
                new ProbeDescription("RecExtElectrode", "RecExtElectrode", DemoParameters.Mapping("probes[0].params",
                    ("x", z.Select(_ => 0.0).ToArray()),
                    ("y", z.Select(_ => 0.0).ToArray()),
                    ("z", z),
                    ("sigma", 0.3),
                    ("N", z.Select(_ => new[] { 1.0, 0, 0 }).ToArray()),
                    ("r", 5.0),
                    ("n", 20),
                    ("method", "root_as_point"))),
                new ProbeDescription("LaminarCurrentSourceDensity", "LaminarCurrentSourceDensity", DemoParameters.Mapping("probes[1].params",
                    ("z", z.Select(c => new[] { c - 75, c + 75 }).ToArray()), // bins [lower, upper], µm
                    ("r", z.Select(_ => 150.0).ToArray()))),
            ],
            Outputs = new OutputDescription(outputDirectory, [OutputFormat.Hdf5, OutputFormat.Parquet, OutputFormat.Csv]),
            BaseDirectory = outputDirectory,
        };
    }
}

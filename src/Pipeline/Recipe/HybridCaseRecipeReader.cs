using System.Collections.Immutable;
using System.Text.Json;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Reads the <c>inputs</c> of a hybrid reference case (<c>hybrid_brunel_injected*.json</c>, written by the
/// hybridLFPy reference stack; schema in <c>reference/README.md</c>, "Hybrid cases") as an INJECTED recipe:
/// network spikes inline, morphologies inline (SWC text), and every random draw of every cell (soma position,
/// rotation, synapse segments, presynaptic gids, delays, disc-contact points) given instead of drawn.
/// </summary>
public static class HybridCaseRecipeReader
{
    /// <summary>Probe names used for the case's two measures (the case's own names).</summary>
    public const string ElectrodeProbe = "RecExtElectrode";

    public const string CsdProbe = "LaminarCurrentSourceDensity";

    /// <summary>True if the JSON file looks like a hybrid reference case (has <c>inputs.populations</c> and <c>inputs.network</c>).</summary>
    public static bool IsHybridCase(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object &&
        root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object &&
        inputs.TryGetProperty("populations", out _) && inputs.TryGetProperty("network", out _);

    public static RecipeDescription ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        return Read(document.RootElement, Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>Reads a parsed case. Missing keys become an <see cref="RecipeException"/> naming the key.</summary>
    public static RecipeDescription Read(JsonElement root, string baseDirectory, string sourceName)
    {
        try
        {
            return ReadCore(root, baseDirectory);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RecipeException(sourceName, [new RecipeProblem("inputs", $"not a hybrid reference case: {e.Message}")]);
        }
    }

    private static RecipeDescription ReadCore(JsonElement root, string baseDirectory)
    {
        var inputs = root.GetProperty("inputs");
        var dt = inputs.GetProperty("dt").GetDouble();
        var network = inputs.GetProperty("network");
        var xNames = network.GetProperty("X").EnumerateArray().Select(e => e.GetString()!).ToImmutableArray();
        var spikesByX = network.GetProperty("spikes");
        var networkPopulations = xNames.Select(x =>
        {
            var gids = network.GetProperty("GIDs").GetProperty(x);
            var spikes = spikesByX.GetProperty(x).EnumerateArray()
                .Select(s => new SpikeEvent(s[0].GetInt64(), s[1].GetDouble())).ToImmutableArray();
            return new NetworkPopulationDescription(x, gids[0].GetInt64(), gids[1].GetInt64(),
                new SpikeSourceDescription { Kind = SpikeSourceKind.Inline, Spikes = spikes });
        }).ToImmutableArray();

        var layers = inputs.GetProperty("layerBoundaries").EnumerateArray()
            .Select(l => new LayerDescription(l[0].GetDouble(), l[1].GetDouble())).ToImmutableArray();
        var populations = ImmutableArray.CreateBuilder<PopulationDescription>();
        foreach (var y in inputs.GetProperty("populations").EnumerateObject())
        {
            populations.Add(ReadPopulation(y.Name, y.Value, xNames, layers));
        }

        var probes = ImmutableArray.Create(
            new ProbeDescription(ElectrodeProbe, "RecExtElectrode", AsMapping(inputs.GetProperty("electrode"), "probes[0].params")),
            new ProbeDescription(CsdProbe, "LaminarCurrentSourceDensity", AsMapping(inputs.GetProperty("CSD"), "probes[1].params")));

        return new RecipeDescription
        {
            DtMs = dt,
            DtOutputMs = inputs.GetProperty("dt_output").GetDouble(),
            TstopMs = inputs.GetProperty("tstop").GetDouble(),
            Seed = (ulong)inputs.GetProperty("SIMULATIONSEED").GetInt64(),
            PresynapticSampling = PresynapticSampling.HybridLfpyExcludeLast,
            Network = networkPopulations,
            Populations = populations.ToImmutable(),
            Probes = probes,
            Outputs = new OutputDescription(Path.Combine(baseDirectory, "out")),
            BaseDirectory = baseDirectory,
        };
    }

    private static PopulationDescription ReadPopulation(string name, JsonElement p, ImmutableArray<string> xNames, ImmutableArray<LayerDescription> layers)
    {
        var morphology = p.GetProperty("morphology");
        var kind = morphology.GetProperty("kind").GetString();
        var format = kind switch
        {
            "swc" => MorphologyFormat.Swc,
            "hoc" => MorphologyFormat.Hoc,
            _ => throw new FormatException($"populations.{name}.morphology.kind '{kind}' is not swc or hoc"),
        };
        var text = morphology.GetProperty(format == MorphologyFormat.Swc ? "swc_text" : "hoc_text").GetString();

        var cellParams = p.GetProperty("cellParams");
        var passive = cellParams.GetProperty("passive_parameters");
        var nseg = p.GetProperty("nseg");
        var cell = new CellParametersDescription
        {
            CmUfPerCm2 = cellParams.GetProperty("cm").GetDouble(),
            RaOhmCm = cellParams.GetProperty("Ra").GetDouble(),
            GPasSPerCm2 = passive.GetProperty("g_pas").GetDouble(),
            EPasMv = passive.GetProperty("e_pas").GetDouble(),
            VInitMv = cellParams.GetProperty("v_init").GetDouble(),
            Segmentation = SegmentationMethod.LambdaF,
            LambdaFHz = nseg.GetProperty("lambda_f").GetDouble(),
            DLambda = nseg.GetProperty("d_lambda").GetDouble(),
        };

        var pp = p.GetProperty("populationParams");
        var placement = new PlacementDescription
        {
            RadiusUm = pp.GetProperty("radius").GetDouble(),
            ZMinUm = pp.GetProperty("z_min").GetDouble(),
            ZMaxUm = pp.GetProperty("z_max").GetDouble(),
            MinCellInterdistUm = pp.GetProperty("min_cell_interdist").GetDouble(),
            MinRZUm = Doubles(pp.GetProperty("min_r")[0]),
            MinRUm = Doubles(pp.GetProperty("min_r")[1]),
        };

        var synParams = p.GetProperty("synParams");
        var sections = synParams.GetProperty("section").EnumerateArray().Select(s => s.GetString()!).ToImmutableArray();
        var synType = Enum.Parse<SynapseType>(synParams.GetProperty("syntype").GetString()!);
        var j = p.GetProperty("J_yX");
        var tau = p.GetProperty("tau_yX");
        var loc = p.GetProperty("synDelayLoc");
        var scale = p.GetProperty("synDelayScale");
        var synapses = Enumerable.Range(0, xNames.Length).Select(x => new SynapseParametersDescription
        {
            SectionPatterns = sections,
            Type = synType,
            TauMs = tau[x].GetDouble(),
            Weight = j[x].GetDouble(),
            DelayLocMs = loc[x].GetDouble(),
            DelayScaleMs = scale[x].ValueKind == JsonValueKind.Null ? null : scale[x].GetDouble(),
        }).ToImmutableArray();

        var inDegrees = p.GetProperty("k_yXL").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(k => k.GetInt32()).ToImmutableArray()).ToImmutableArray();
        var axes = p.GetProperty("rand_rot_axis").EnumerateArray().Select(a => a.GetString()![0]).ToImmutableArray();
        var cells = p.GetProperty("cells").EnumerateArray().Select(c => ReadCell(c, xNames)).ToImmutableArray();

        return new PopulationDescription
        {
            Name = name,
            Morphology = new MorphologySourceDescription(format, null, text),
            Cell = cell,
            CellCount = pp.GetProperty("number").GetInt32(),
            Placement = placement,
            RandomRotationAxes = axes,
            Layers = layers,
            InDegrees = inDegrees,
            Synapses = synapses,
            Seed = (ulong)p.GetProperty("POPULATIONSEED").GetInt64(),
            Injected = new InjectedPopulationDescription(cells),
        };
    }

    private static CellDrawsDescription ReadCell(JsonElement c, ImmutableArray<string> xNames)
    {
        var pos = c.GetProperty("soma_pos");
        var rotation = c.GetProperty("rotation");
        double? Angle(string axis) => rotation.TryGetProperty(axis, out var a) ? a.GetDouble() : null;

        var synIdx = c.GetProperty("synIdx");
        var spCells = c.GetProperty("SpCells");
        var synDelays = c.GetProperty("synDelays");
        var connections = xNames.Select(x =>
        {
            var idx = synIdx.GetProperty(x);
            var gids = spCells.GetProperty(x);
            var delays = synDelays.GetProperty(x);
            return Enumerable.Range(0, idx.GetArrayLength()).Select(l => new InjectedConnectionsDescription(
                idx[l].EnumerateArray().Select(e => e.GetInt32()).ToImmutableArray(),
                gids[l].EnumerateArray().Select(e => e.GetInt64()).ToImmutableArray(),
                delays[l].EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray())).ToImmutableArray();
        }).ToImmutableArray();

        var contactPoints = ImmutableDictionary<string, ImmutableArray<ImmutableArray<Point3>>>.Empty;
        if (c.TryGetProperty("disk_recorded_points", out var disk) && disk.ValueKind == JsonValueKind.Array)
        {
            contactPoints = contactPoints.Add(ElectrodeProbe, disk.EnumerateArray()
                .Select(contact => contact.EnumerateArray()
                    .Select(pt => new Point3(pt[0].GetDouble(), pt[1].GetDouble(), pt[2].GetDouble())).ToImmutableArray())
                .ToImmutableArray());
        }

        return new CellDrawsDescription
        {
            CellIndex = c.GetProperty("cellindex").GetInt32(),
            SomaPositionUm = new Point3(pos[0].GetDouble(), pos[1].GetDouble(), pos[2].GetDouble()),
            Rotation = new RotationDescription(Angle("x"), Angle("y"), Angle("z")),
            Connections = connections,
            ContactPoints = contactPoints,
        };
    }

    private static ImmutableArray<double> Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToImmutableArray();

    private static RecipeMapping AsMapping(JsonElement element, string path)
    {
        var node = JsonRecipeReader.Parse(element.GetRawText(), path);
        return node as RecipeMapping ?? throw new FormatException($"{path}: expected an object");
    }
}

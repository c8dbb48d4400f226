using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Turns a parsed recipe tree into a <see cref="RecipeDescription"/>. Reports structural problems (missing keys,
/// wrong types, unknown keys, lists per X of the wrong length, unknown population names) and keeps going with
/// fallbacks, so that together with <see cref="RecipeValidator"/> every problem is listed in one pass.
/// Relative paths are resolved against <c>baseDirectory</c> (the recipe file's folder).
/// </summary>
internal sealed class RecipeBinder
{
    private static readonly string[] s_topKeys =
    [
        "dt", "dt_output", "tstop", "seed", "single_cell_fraction", "min_delay", "batch_size", "presynaptic_sampling",
        "layer_boundaries", "network", "populations", "probes", "outputs",
    ];

    private static readonly string[] s_populationKeys =
    [
        "morphology", "cell", "number", "placement", "rand_rot_axis", "layer_boundaries", "k_yXL", "synParams",
        "tau_yX", "J_yX", "synDelayLoc", "synDelayScale", "seed",
    ];

    private readonly RecipeNodeReader _r;
    private readonly string _baseDirectory;
    private ImmutableArray<string> _networkNames = [];

    public RecipeBinder(RecipeNodeReader reader, string baseDirectory)
    {
        _r = reader;
        _baseDirectory = baseDirectory;
    }

    public RecipeDescription Bind(RecipeNode root)
    {
        if (root is not RecipeMapping map)
        {
            _r.Report(root, "expected a mapping at the top of the recipe");
            map = new RecipeMapping("", root.Line, []);
        }

        _r.CheckKeys(map, s_topKeys);
        var network = BindNetwork(map);
        _networkNames = [.. network.Select(n => n.Name)];
        var defaultLayers = map.Get("layer_boundaries") is { } lb ? BindLayers(lb) : (ImmutableArray<LayerDescription>?)null;
        var populations = ImmutableArray.CreateBuilder<PopulationDescription>();
        if (_r.Mapping(map.Get("populations"), map, "populations", required: true) is { } pops)
        {
            foreach (var (name, node) in pops.Entries)
            {
                if (_r.Mapping(node, pops, name, required: true) is { } popMap)
                {
                    populations.Add(BindPopulation(name, popMap, defaultLayers));
                }
            }
        }

        var sampling = PresynapticSampling.FullRange;
        if (_r.String(map, "presynaptic_sampling", required: false) is { } samplingText)
        {
            switch (samplingText)
            {
                case "full_range":
                    break;
                case "hybridlfpy":
                    sampling = PresynapticSampling.HybridLfpyExcludeLast;
                    break;
                default:
                    _r.Report(map.Get("presynaptic_sampling")!, $"unknown presynaptic_sampling '{samplingText}'; expected full_range or hybridlfpy");
                    break;
            }
        }

        var seed = _r.Integer(map, "seed", required: false, 0) ?? 0;
        if (seed < 0)
        {
            _r.Report(map.Get("seed")!, $"seed must be ≥ 0, got {seed}");
        }

        var dt = _r.Double(map, "dt", required: true, double.NaN) ?? double.NaN;
        return new RecipeDescription
        {
            DtMs = dt,
            DtOutputMs = _r.Double(map, "dt_output", required: false, null) ?? dt,
            TstopMs = _r.Double(map, "tstop", required: true, double.NaN) ?? double.NaN,
            Seed = (ulong)Math.Max(0, seed),
            SingleCellFraction = _r.Double(map, "single_cell_fraction", required: false, 0) ?? 0,
            MinDelayMs = _r.Double(map, "min_delay", required: false),
            BatchSize = (int)Math.Clamp(_r.Integer(map, "batch_size", required: false, 32) ?? 32, int.MinValue, int.MaxValue),
            PresynapticSampling = sampling,
            Network = network,
            Populations = populations.ToImmutable(),
            Probes = BindProbes(map),
            Outputs = BindOutputs(map),
            BaseDirectory = _baseDirectory,
        };
    }

    private ImmutableArray<NetworkPopulationDescription> BindNetwork(RecipeMapping map)
    {
        var result = ImmutableArray.CreateBuilder<NetworkPopulationDescription>();
        if (_r.Mapping(map.Get("network"), map, "network", required: true) is not { } network)
        {
            return result.ToImmutable();
        }

        foreach (var (name, node) in network.Entries)
        {
            if (_r.Mapping(node, network, name, required: true) is not { } x)
            {
                continue;
            }

            _r.CheckKeys(x, "first_gid", "count", "source");
            var first = _r.Integer(x, "first_gid", required: true, 0) ?? 0;
            var count = _r.Integer(x, "count", required: true, 0) ?? 0;
            result.Add(new NetworkPopulationDescription(name, first, count, BindSource(x)));
        }

        return result.ToImmutable();
    }

    private SpikeSourceDescription BindSource(RecipeMapping x)
    {
        if (_r.Mapping(x.Get("source"), x, "source", required: true) is not { } source)
        {
            return new SpikeSourceDescription { Kind = SpikeSourceKind.Live };
        }

        _r.CheckKeys(source, "kind", "files", "rate_hz", "spikes", "population");
        var kindText = _r.String(source, "kind", required: true);
        var kind = SpikeSourceKind.Live;
        if (kindText is not null && !TryParseKind(kindText, out kind))
        {
            _r.Report(source.Get("kind")!, $"unknown spike source kind '{kindText}'; expected gdf, dat, sonata, csv, poisson, inline or live");
        }

        var files = _r.StringList(source.Get("files")).Select(Resolve).ToImmutableArray();
        var spikes = ImmutableArray.CreateBuilder<SpikeEvent>();
        foreach (var item in _r.Sequence(source.Get("spikes")))
        {
            var pair = _r.Sequence(item);
            if (pair.Length != 2)
            {
                _r.Report(item, "expected [gid, time_ms]");
                continue;
            }

            spikes.Add(new SpikeEvent(_r.AsInteger(pair[0]) ?? 0, _r.AsDouble(pair[1]) ?? 0));
        }

        return new SpikeSourceDescription
        {
            Kind = kind,
            Files = files,
            RateHz = _r.Double(source, "rate_hz", required: false),
            Spikes = spikes.ToImmutable(),
            SonataPopulation = _r.String(source, "population", required: false),
        };
    }

    private static bool TryParseKind(string text, out SpikeSourceKind kind)
    {
        kind = text.ToLowerInvariant() switch
        {
            "gdf" => SpikeSourceKind.Gdf,
            "dat" or "nest_dat" => SpikeSourceKind.NestDat,
            "sonata" => SpikeSourceKind.Sonata,
            "csv" => SpikeSourceKind.Csv,
            "poisson" => SpikeSourceKind.Poisson,
            "inline" => SpikeSourceKind.Inline,
            "live" => SpikeSourceKind.Live,
            _ => (SpikeSourceKind)(-1),
        };
        return (int)kind >= 0;
    }

    private ImmutableArray<LayerDescription> BindLayers(RecipeNode node)
    {
        var layers = ImmutableArray.CreateBuilder<LayerDescription>();
        foreach (var row in _r.Sequence(node))
        {
            var v = _r.DoubleList(row);
            if (v.Length != 2)
            {
                _r.Report(row, $"expected [top, bottom] (µm), got {RecipeNodeReader.Describe(row)}");
                continue;
            }

            layers.Add(new LayerDescription(v[0], v[1]));
        }

        return layers.ToImmutable();
    }

    private PopulationDescription BindPopulation(string name, RecipeMapping p, ImmutableArray<LayerDescription>? defaultLayers)
    {
        _r.CheckKeys(p, s_populationKeys);
        var morphologyPath = _r.String(p, "morphology", required: true);
        MorphologySourceDescription morphology;
        if (morphologyPath is null)
        {
            morphology = new MorphologySourceDescription(MorphologyFormat.Swc, null, null);
        }
        else
        {
            var format = MorphologySourceDescription.FormatOfExtension(morphologyPath);
            if (format is null)
            {
                _r.Report(p.Get("morphology")!, $"unknown morphology format '{Path.GetExtension(morphologyPath)}'; expected .swc, .hoc, .asc, .xml, .nml or .json");
            }

            morphology = new MorphologySourceDescription(format ?? MorphologyFormat.Swc, Resolve(morphologyPath));
        }

        ImmutableArray<LayerDescription> layers;
        if (p.Get("layer_boundaries") is { } lb)
        {
            layers = BindLayers(lb);
        }
        else if (defaultLayers is { } d)
        {
            layers = d;
        }
        else
        {
            _r.Report(RecipeNodeReader.Child(p, "layer_boundaries"), p.Line, "missing (here or at the top level); expected [[top, bottom], …] in µm");
            layers = [];
        }

        var inDegrees = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        var kNode = p.Get("k_yXL");
        if (kNode is null)
        {
            _r.Report(RecipeNodeReader.Child(p, "k_yXL"), p.Line, $"missing; expected {layers.Length} rows (layers) × {_networkNames.Length} columns (X)");
        }

        foreach (var row in _r.Sequence(kNode))
        {
            var cells = ImmutableArray.CreateBuilder<int>();
            foreach (var item in _r.Sequence(row))
            {
                var k = _r.AsInteger(item) ?? 0;
                cells.Add((int)Math.Clamp(k, int.MinValue, int.MaxValue));
            }

            inDegrees.Add(cells.ToImmutable());
        }

        var axes = ImmutableArray.CreateBuilder<char>();
        foreach (var axisNode in _r.Sequence(p.Get("rand_rot_axis"), allowScalar: true))
        {
            var axis = _r.AsString(axisNode);
            if (axis is "x" or "y" or "z")
            {
                axes.Add(axis[0]);
            }
            else if (axis is not null)
            {
                _r.Report(axisNode, $"unknown rotation axis '{axis}'; expected x, y or z");
            }
        }

        var cellCount = _r.Integer(p, "number", required: true, 0) ?? 0;
        var seedNode = _r.Integer(p, "seed", required: false);
        return new PopulationDescription
        {
            Name = name,
            Morphology = morphology,
            Cell = BindCell(p),
            CellCount = (int)Math.Clamp(cellCount, int.MinValue, int.MaxValue),
            Placement = BindPlacement(p),
            RandomRotationAxes = axes.ToImmutable(),
            Layers = layers,
            InDegrees = inDegrees.ToImmutable(),
            Synapses = BindSynapses(p),
            Seed = seedNode is { } s && s >= 0 ? (ulong)s : null,
        };
    }

    private CellParametersDescription BindCell(RecipeMapping p)
    {
        var defaults = new CellParametersDescription();
        if (_r.Mapping(p.Get("cell"), p, "cell", required: false) is not { } c)
        {
            return defaults;
        }

        _r.CheckKeys(c, "cm", "Ra", "g_pas", "e_pas", "v_init", "nsegs_method", "lambda_f", "d_lambda", "fixed_length", "nseg");
        var method = defaults.Segmentation;
        if (_r.String(c, "nsegs_method", required: false) is { } m)
        {
            switch (m)
            {
                case "lambda_f":
                    method = SegmentationMethod.LambdaF;
                    break;
                case "fixed_length":
                    method = SegmentationMethod.FixedLength;
                    break;
                case "fixed":
                    method = SegmentationMethod.Fixed;
                    break;
                default:
                    _r.Report(c.Get("nsegs_method")!, $"unknown nsegs_method '{m}'; expected lambda_f, fixed_length or fixed");
                    break;
            }
        }

        return new CellParametersDescription
        {
            CmUfPerCm2 = _r.Double(c, "cm", false, defaults.CmUfPerCm2) ?? defaults.CmUfPerCm2,
            RaOhmCm = _r.Double(c, "Ra", false, defaults.RaOhmCm) ?? defaults.RaOhmCm,
            GPasSPerCm2 = _r.Double(c, "g_pas", false, defaults.GPasSPerCm2) ?? defaults.GPasSPerCm2,
            EPasMv = _r.Double(c, "e_pas", false, defaults.EPasMv) ?? defaults.EPasMv,
            VInitMv = _r.Double(c, "v_init", false, defaults.VInitMv) ?? defaults.VInitMv,
            Segmentation = method,
            LambdaFHz = _r.Double(c, "lambda_f", false, defaults.LambdaFHz) ?? defaults.LambdaFHz,
            DLambda = _r.Double(c, "d_lambda", false, defaults.DLambda) ?? defaults.DLambda,
            FixedLengthUm = _r.Double(c, "fixed_length", false, defaults.FixedLengthUm) ?? defaults.FixedLengthUm,
            FixedNseg = (int)(_r.Integer(c, "nseg", false, defaults.FixedNseg) ?? defaults.FixedNseg),
        };
    }

    private PlacementDescription BindPlacement(RecipeMapping p)
    {
        if (_r.Mapping(p.Get("placement"), p, "placement", required: true) is not { } pl)
        {
            return new PlacementDescription { RadiusUm = double.NaN, ZMinUm = double.NaN, ZMaxUm = double.NaN };
        }

        _r.CheckKeys(pl, "radius", "z_min", "z_max", "min_cell_interdist", "min_r");
        ImmutableArray<double> minRz = [], minR = [];
        if (pl.Get("min_r") is { } minRNode and not RecipeScalar { IsNull: true })
        {
            var rows = _r.Sequence(minRNode);
            if (rows.Length != 2)
            {
                _r.Report(minRNode, $"expected 2 rows (z points µm, minimum radii µm), got {rows.Length}");
            }
            else
            {
                minRz = _r.DoubleList(rows[0]);
                minR = _r.DoubleList(rows[1]);
            }
        }

        return new PlacementDescription
        {
            RadiusUm = _r.Double(pl, "radius", true, double.NaN) ?? double.NaN,
            ZMinUm = _r.Double(pl, "z_min", true, double.NaN) ?? double.NaN,
            ZMaxUm = _r.Double(pl, "z_max", true, double.NaN) ?? double.NaN,
            MinCellInterdistUm = _r.Double(pl, "min_cell_interdist", false, 0) ?? 0,
            MinRZUm = minRz,
            MinRUm = minR,
        };
    }

    private ImmutableArray<SynapseParametersDescription> BindSynapses(RecipeMapping p)
    {
        var sp = _r.Mapping(p.Get("synParams"), p, "synParams", required: true);
        // Two forms: one mapping for every X (example_brunel), or hybridLFPy Population's mapping X → parameters.
        var perX = new RecipeMapping?[_networkNames.Length];
        if (sp is not null && sp.Entries.Length > 0 && sp.Entries.All(e => _networkNames.Contains(e.Key) && e.Value is RecipeMapping))
        {
            for (var x = 0; x < _networkNames.Length; x++)
            {
                perX[x] = sp.Get(_networkNames[x]) as RecipeMapping;
                if (perX[x] is null)
                {
                    _r.Report(sp, $"no synapse parameters for network population '{_networkNames[x]}'");
                }
            }
        }
        else
        {
            Array.Fill(perX, sp);
        }

        var weights = PerX(p, "J_yX", required: true, allowNull: false);
        var taus = PerX(p, "tau_yX", required: false, allowNull: false);
        var locs = PerX(p, "synDelayLoc", required: true, allowNull: false);
        var scales = PerX(p, "synDelayScale", required: false, allowNull: true);
        var result = ImmutableArray.CreateBuilder<SynapseParametersDescription>();
        var bound = new Dictionary<RecipeMapping, SynapseParametersDescription>(ReferenceEqualityComparer.Instance);
        for (var x = 0; x < _networkNames.Length; x++)
        {
            var template = perX[x] is { } map
                ? (bound.TryGetValue(map, out var b) ? b : bound[map] = BindSynapseTemplate(map))
                : BindSynapseTemplate(null);
            result.Add(template with
            {
                TauMs = taus[x] ?? template.TauMs,
                Weight = weights[x] ?? double.NaN,
                DelayLocMs = locs[x] ?? double.NaN,
                DelayScaleMs = scales[x],
            });
        }

        return result.ToImmutable();
    }

    /// <summary>Section patterns, type and time constants of one synParams mapping (weight and delays come from the per-X lists).</summary>
    private SynapseParametersDescription BindSynapseTemplate(RecipeMapping? sp)
    {
        var patterns = ImmutableArray<string>.Empty;
        var type = SynapseType.AlphaISyn;
        double tau = 0.5, tau1 = 0.5, tau2 = 2.0, e = 0;
        if (sp is not null)
        {
            _r.CheckKeys(sp, "section", "syntype", "tau", "tau1", "tau2", "e");
            patterns = _r.StringList(sp.Get("section"));
            if (sp.Get("section") is null)
            {
                _r.Report(RecipeNodeReader.Child(sp, "section"), sp.Line, "missing; expected section name patterns, e.g. [apic, dend]");
            }

            if (_r.String(sp, "syntype", required: true) is { } t)
            {
                if (!Enum.TryParse(t, ignoreCase: false, out type) || !Enum.IsDefined(type))
                {
                    _r.Report(sp.Get("syntype")!, $"unknown syntype '{t}'; expected ExpSynI, AlphaISyn, ExpSyn or Exp2Syn");
                    type = SynapseType.AlphaISyn;
                }
            }

            tau = _r.Double(sp, "tau", false, tau) ?? tau;
            tau1 = _r.Double(sp, "tau1", false, tau1) ?? tau1;
            tau2 = _r.Double(sp, "tau2", false, tau2) ?? tau2;
            e = _r.Double(sp, "e", false, e) ?? e;
        }

        return new SynapseParametersDescription
        {
            SectionPatterns = patterns,
            Type = type,
            TauMs = tau,
            Tau1Ms = tau1,
            Tau2Ms = tau2,
            ReversalMv = e,
            Weight = double.NaN,
            DelayLocMs = double.NaN,
        };
    }

    /// <summary>A per-X quantity given as a list in network order or as a mapping X name → value.</summary>
    private double?[] PerX(RecipeMapping p, string key, bool required, bool allowNull)
    {
        var values = new double?[_networkNames.Length];
        var node = p.Get(key);
        var expected = $"{_networkNames.Length} values, one per network population ({string.Join(", ", _networkNames)})";
        if (node is null)
        {
            if (required)
            {
                _r.Report(RecipeNodeReader.Child(p, key), p.Line, $"missing; expected {expected}");
            }

            return values;
        }

        double? One(RecipeNode item) => allowNull && item is RecipeScalar { IsNull: true } ? null : _r.AsDouble(item);

        if (node is RecipeMapping map)
        {
            foreach (var (xName, item) in map.Entries)
            {
                var x = _networkNames.IndexOf(xName);
                if (x < 0)
                {
                    _r.Report(item, $"unknown population '{xName}'; expected one of the network populations: {string.Join(", ", _networkNames)}");
                    continue;
                }

                values[x] = One(item);
            }

            for (var x = 0; x < _networkNames.Length; x++)
            {
                if (map.Get(_networkNames[x]) is null && !allowNull)
                {
                    _r.Report(node, $"no value for network population '{_networkNames[x]}'");
                }
            }

            return values;
        }

        var items = _r.Sequence(node);
        if (node is RecipeSequence && items.Length != _networkNames.Length)
        {
            _r.Report(node, $"expected {expected}, got {items.Length}");
        }

        for (var x = 0; x < Math.Min(items.Length, values.Length); x++)
        {
            values[x] = One(items[x]);
        }

        return values;
    }

    private ImmutableArray<ProbeDescription> BindProbes(RecipeMapping map)
    {
        var result = ImmutableArray.CreateBuilder<ProbeDescription>();
        var node = map.Get("probes");
        if (node is null)
        {
            _r.Report("probes", map.Line, "missing; expected a list of probes ({model: …, name: …, params: {…}})");
        }

        foreach (var item in _r.Sequence(node))
        {
            if (item is not RecipeMapping probe)
            {
                _r.Report(item, "expected a probe mapping {model: …, name: …, params: {…}}");
                continue;
            }

            _r.CheckKeys(probe, "model", "name", "params");
            var model = _r.String(probe, "model", required: true) ?? "";
            var name = _r.String(probe, "name", required: false) ?? model;
            var parameters = _r.Mapping(probe.Get("params"), probe, "params", required: false);
            result.Add(new ProbeDescription(name, model, parameters));
        }

        return result.ToImmutable();
    }

    private OutputDescription BindOutputs(RecipeMapping map)
    {
        if (_r.Mapping(map.Get("outputs"), map, "outputs", required: false) is not { } o)
        {
            return new OutputDescription(Resolve("out"));
        }

        _r.CheckKeys(o, "directory", "formats");
        var formats = ImmutableArray.CreateBuilder<OutputFormat>();
        foreach (var f in _r.Sequence(o.Get("formats"), allowScalar: true))
        {
            switch (_r.AsString(f)?.ToLowerInvariant())
            {
                case "hdf5" or "h5":
                    formats.Add(OutputFormat.Hdf5);
                    break;
                case "parquet":
                    formats.Add(OutputFormat.Parquet);
                    break;
                case "csv":
                    formats.Add(OutputFormat.Csv);
                    break;
                case { } other:
                    _r.Report(f, $"unknown output format '{other}'; expected hdf5, parquet or csv");
                    break;
            }
        }

        return new OutputDescription(Resolve(_r.String(o, "directory", required: false) ?? "out"),
            o.Get("formats") is null ? default : formats.ToImmutable());
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(_baseDirectory, path));
}

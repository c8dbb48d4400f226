using System.Collections.Immutable;
using System.Text.Json;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Discretization;
using HybridLfp.Streaming.Numerics.Morphology;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>Reads the <c>inputs</c> object of a single-cell case file into a <see cref="SingleCellCase"/>.</summary>
public static class SingleCellCaseReader
{
    /// <summary>Reads a case file (the whole reference JSON, or just its <c>inputs</c> object).</summary>
    public static SingleCellCase ReadFile(string path)
    {
        using var document = OpenCaseDocument(path);
        return Parse(InputsOf(document.RootElement), path);
    }

    /// <summary>Opens a case file as JSON, with file-named errors for a missing file or invalid JSON.</summary>
    internal static JsonDocument OpenCaseDocument(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, "file not found.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InputException(path, $"not valid JSON: {e.Message}", (int)(e.LineNumber ?? -1) + 1, e);
        }
    }

    /// <summary>The <c>inputs</c> object of a whole reference file, or the root itself when it is already one.</summary>
    internal static JsonElement InputsOf(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("inputs", out var i) ? i : root;

    /// <summary>Parses an <c>inputs</c> object; <paramref name="source"/> names it in errors.</summary>
    public static SingleCellCase Parse(JsonElement inputs, string source)
    {
        var root = new JsonInput(inputs, source, "inputs");
        var cell = root.Get("cell");
        var cm = cell.Get("cm").Double();
        var ra = cell.Get("Ra").Double();
        var passiveOn = cell.TryGet("passive")?.Bool() ?? true;
        var pp = cell.TryGet("passive_parameters");
        var passive = new PassiveMembrane(
            passiveOn,
            pp?.Get("g_pas").Double() ?? 0.001,
            pp?.Get("e_pas").Double() ?? -70);
        var vInit = cell.TryGet("v_init")?.Double() ?? -70;
        var dtIn = cell.Get("dt");
        var dt = dtIn.Double();
        if (!(dt > 0) || double.IsInfinity(dt))
        {
            throw dtIn.Error($"the time step must be a finite number > 0 ms, got {dt}.");
        }

        var tstart = cell.TryGet("tstart")?.Double() ?? 0;
        if (tstart != 0)
        {
            throw cell.Get("tstart").Error($"only tstart = 0 is supported, got {tstart} ms.");
        }

        var tstopIn = cell.Get("tstop");
        var tstop = tstopIn.Double();
        if (!(tstop >= 0) || double.IsInfinity(tstop))
        {
            throw tstopIn.Error($"tstop must be a finite time ≥ 0 ms, got {tstop}.");
        }

        var morphology = ReadMorphology(root.Get("morphology"), source);
        var nseg = ReadNseg(root.Get("nseg"));
        var transform = ReadTransform(root.TryGet("transform"));
        var synapses = ReadSynapses(root.TryGet("synapses"));

        var record = root.TryGet("record");
        var imemIdx = record?.TryGet("imem_idx")?.Ints() ?? [];
        var vmemIdx = record?.TryGet("vmem_idx")?.Ints() ?? [];
        var decimate = record?.TryGet("decimate")?.Int() ?? 1;
        if (decimate < 1)
        {
            throw record!.Value.Get("decimate").Error($"decimate must be ≥ 1, got {decimate}.");
        }

        return new SingleCellCase(
            source, morphology, nseg, cm, ra, passive, vInit, dt, tstop, transform, synapses,
            [.. imemIdx], [.. vmemIdx], decimate);
    }

    private static MorphologyDescription ReadMorphology(JsonInput m, string source)
    {
        var kind = m.Get("kind").String();
        switch (kind)
        {
            case "sections":
                return ReadInlineSections(m.Get("sections"), source);
            case "swc":
            case "hoc":
            {
                var (text, name) = MorphologyText(m, kind, source);
                return kind == "swc" ? SwcMorphologyReader.Read(text, name) : HocMorphologyReader.Read(text, name);
            }
            default:
                throw m.Get("kind").Error($"unknown morphology kind '{kind}'; expected 'sections', 'swc' or 'hoc'.");
        }
    }

    // The morphology text: inline (swc_text / hoc_text, named after the case and its original path) or a file
    // given by "file" (relative to the case file).
    private static (string Text, string Name) MorphologyText(JsonInput m, string kind, string source)
    {
        if (m.TryGet(kind + "_text") is { } inline)
        {
            var original = m.TryGet("path")?.String();
            return (inline.String(), original is null ? $"{source}:{inline.Path}" : $"{source}:{inline.Path} ({original})");
        }

        if (m.TryGet("file") is { } fileIn)
        {
            var file = fileIn.String();
            var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(source)) ?? ".";
            var path = System.IO.Path.IsPathRooted(file) ? file : System.IO.Path.Combine(baseDir, file);
            if (!File.Exists(path))
            {
                throw fileIn.Error($"morphology file '{path}' not found.");
            }

            return (File.ReadAllText(path), path);
        }

        throw m.Error($"a '{kind}' morphology needs its text in '{kind}_text' or a file name in 'file'.");
    }

    /// <summary>
    /// The inline <c>sections</c> form: NEURON sections built with h.Section + pt3dadd (coordinates and diameters
    /// rounded to float32, as NEURON stores them) and connected child(child_x) → parent(parent_x).
    /// </summary>
    internal static MorphologyDescription ReadInlineSections(JsonInput sections, string source)
    {
        var items = sections.Items().ToList();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var name = items[i].Get("name").String();
            if (!names.TryAdd(name, i))
            {
                throw items[i].Get("name").Error($"section name '{name}' appears twice.");
            }
        }

        var result = ImmutableArray.CreateBuilder<SectionDescription>(items.Count);
        foreach (var item in items)
        {
            var name = item.Get("name").String();
            var parentIn = item.TryGet("parent");
            var parent = -1;
            var parentX = double.NaN;
            if (parentIn is { } p)
            {
                var parentName = p.String();
                if (!names.TryGetValue(parentName, out parent))
                {
                    throw p.Error($"unknown section name '{parentName}' (sections are: {string.Join(", ", names.Keys)}).");
                }

                parentX = item.Get("parent_x").Double();
            }

            var childX = item.TryGet("child_x")?.Double() ?? 0;
            var points = ImmutableArray.CreateBuilder<Pt3dPoint>();
            foreach (var pt in item.Get("pt3d").Items())
            {
                var v = pt.Doubles();
                if (v.Length != 4)
                {
                    throw pt.Error($"expected [x, y, z, diam], found {v.Length} numbers.");
                }

                if (!(v[3] >= 0))
                {
                    throw pt.Error($"negative diameter {v[3]} µm; diameters must be ≥ 0.");
                }

                points.Add(Pt3dPoint.FromDouble(v[0], v[1], v[2], v[3]));
            }

            result.Add(new SectionDescription(name, parent, parentX, childX, points.ToImmutable()));
        }

        return new MorphologyDescription(result.MoveToImmutable(), source);
    }

    private static NsegRule ReadNseg(JsonInput n)
    {
        var method = n.Get("method").String();
        return method switch
        {
            "fixed" => NsegRule.Fixed(n.Get("per_section").Properties().ToDictionary(p => p.Name, p => p.Value.Int(), StringComparer.Ordinal)),
            "lambda_f" => NsegRule.LambdaF(n.Get("lambda_f").Double(), n.TryGet("d_lambda")?.Double() ?? 0.1),
            "fixed_length" => NsegRule.FixedLength(n.Get("max_nsegs_length").Double()),
            _ => throw n.Get("method").Error($"unknown nseg method '{method}'; expected 'fixed', 'lambda_f' or 'fixed_length'."),
        };
    }

    private static SingleCellTransform? ReadTransform(JsonInput? t)
    {
        if (t is not { } tr)
        {
            return null;
        }

        double[]? pos = null;
        if (tr.TryGet("set_pos") is { } p)
        {
            pos = [p.Get("x").Double(), p.Get("y").Double(), p.Get("z").Double()];
        }

        double? rx = null, ry = null, rz = null;
        if (tr.TryGet("set_rotation") is { } r)
        {
            rx = r.TryGet("x")?.Double();
            ry = r.TryGet("y")?.Double();
            rz = r.TryGet("z")?.Double();
        }

        return new SingleCellTransform(pos, rx, ry, rz);
    }

    private static ImmutableArray<SingleCellSynapse> ReadSynapses(JsonInput? s)
    {
        if (s is not { } list)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<SingleCellSynapse>();
        foreach (var item in list.Items())
        {
            var typeIn = item.Get("syntype");
            var type = typeIn.String();
            var weight = item.Get("weight").Double();
            var par = item.TryGet("params");
            double POpt(string name, double def) => par?.TryGet(name)?.Double() ?? def;
            var segment = item.TryGet("idx")?.Int() ?? -1;
            SynapseDescription syn = type switch
            {
                "ExpSynI" => new(segment, SynapseKind.ExpSynI, weight, TauMs: POpt("tau", 5)),
                "AlphaISyn" => new(segment, SynapseKind.AlphaISyn, weight, TauMs: POpt("tau", 5)),
                "ExpSyn" => new(segment, SynapseKind.ExpSyn, weight, TauMs: POpt("tau", 0.1), ReversalMv: POpt("e", 0)),
                "Exp2Syn" => new(segment, SynapseKind.Exp2Syn, weight, Tau1Ms: POpt("tau1", 0.1), Tau2Ms: POpt("tau2", 10), ReversalMv: POpt("e", 0)),
                _ => throw typeIn.Error($"unknown synapse type '{type}'; expected ExpSynI, AlphaISyn, ExpSyn or Exp2Syn."),
            };
            var times = item.TryGet("spike_times")?.Doubles() ?? [];
            foreach (var te in times)
            {
                if (!(te >= 0) || double.IsInfinity(te))
                {
                    throw item.Get("spike_times").Error($"spike time {te} ms; spike times must be finite and ≥ 0 ms.");
                }
            }

            var section = item.TryGet("section")?.String();
            var segX = item.TryGet("seg_x")?.Double();
            result.Add(new SingleCellSynapse(syn, [.. times]) { SectionName = section, SegmentX = segX, Path = item.Path });
        }

        return result.ToImmutable();
    }
}

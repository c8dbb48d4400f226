using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// Turns a recipe probe (LFPykit class name + keyword arguments) into a forward model: <c>RecExtElectrode</c>
/// (x, y, z µm; sigma S/m; method; optional disc contacts N, r µm, n, contact_shape), <c>LaminarCurrentSourceDensity</c>
/// (z [[top, bottom]] µm, r µm) and <c>CurrentDipoleMoment</c> (no parameters). Disc contact points are the cell's
/// injected ones when given, else drawn from <c>seed</c>.
/// </summary>
public static class ProbeModels
{
    /// <summary>Probe models this adapter knows.</summary>
    public static IReadOnlyList<string> Known { get; } = ["RecExtElectrode", "LaminarCurrentSourceDensity", "CurrentDipoleMoment"];

    /// <summary>Output shape and units of a probe.</summary>
    public static ProbeLayout Layout(ProbeDescription probe) =>
        new(probe.Name, Create(probe, null, 0).OutputCount, probe.Model switch
        {
            "RecExtElectrode" => "mV",
            "LaminarCurrentSourceDensity" => "nA/µm³",
            _ => "nA·µm",
        });

    /// <summary>The model of <paramref name="probe"/> for one cell.</summary>
    /// <param name="probe">the recipe probe.</param>
    /// <param name="discPoints">this cell's disc-contact points [contact][point] (µm), or null to draw them.</param>
    /// <param name="drawSeed">seed for drawn disc points (a function of recipe seed, population and cell).</param>
    public static ILinearModel Create(ProbeDescription probe, IReadOnlyList<IReadOnlyList<Vec3>>? discPoints, int drawSeed)
    {
        var p = probe.Parameters;
        var where = $"probes.{probe.Name}";
        try
        {
            switch (probe.Model)
            {
                case "RecExtElectrode":
                {
                    var x = Vector(p, "x", where);
                    var y = Vector(p, "y", where);
                    var z = Vector(p, "z", where);
                    var sigma = Conductivity.Isotropic(Number(p, "sigma", where, 0.3));
                    var method = Text(p, "method") is { } m ? ExtracellularMethods.Parse(m) : ExtracellularMethod.LineSource;
                    ContactSurface? surface = null;
                    if (p?.Get("N") is RecipeSequence)
                    {
                        var normals = Matrix(p, "N", where).Select((n, i) => Vec3.FromArray(n, $"{where}.N[{i}]")).ToArray();
                        var shape = Text(p, "contact_shape") == "square" ? ContactShape.Square : ContactShape.Circle;
                        surface = new ContactSurface(normals, Number(p, "r", where, double.NaN), (int)Number(p, "n", where, double.NaN), shape,
                            drawSeed, discPoints);
                    }

                    return new RecExtElectrode(x, y, z, sigma, method, surface);
                }

                case "LaminarCurrentSourceDensity":
                    return new LaminarCurrentSourceDensity(Matrix(p, "z", where), Vector(p, "r", where));
                case "CurrentDipoleMoment":
                    return new CurrentDipoleMoment();
                default:
                    throw new InputException(where, $"unknown probe model '{probe.Model}'; expected one of {string.Join(", ", Known)}");
            }
        }
        catch (ArgumentException e)
        {
            throw new InputException(where, e.Message, 0, e);
        }
    }

    private static RecipeNode Node(RecipeMapping? p, string key, string where) =>
        p?.Get(key) ?? throw new InputException(where, $"parameter '{key}' is missing");

    private static string? Text(RecipeMapping? p, string key) => p?.Get(key) is RecipeScalar { IsNull: false } s ? s.Text : null;

    private static double Number(RecipeMapping? p, string key, string where, double fallback)
    {
        var node = p?.Get(key);
        if (node is null)
        {
            return double.IsNaN(fallback) ? throw new InputException(where, $"parameter '{key}' is missing") : fallback;
        }

        return Scalar(node);
    }

    private static double Scalar(RecipeNode node) =>
        node is RecipeScalar s && s.TryGetDouble(out var v) ? v : throw new InputException(node.Path, $"line {node.Line}: expected a number");

    private static double[] Vector(RecipeMapping? p, string key, string where) =>
        Node(p, key, where) is RecipeSequence seq ? [.. seq.Items.Select(Scalar)] : throw new InputException(where, $"'{key}' must be a list of numbers");

    private static double[][] Matrix(RecipeMapping? p, string key, string where) =>
        Node(p, key, where) is RecipeSequence seq
            ? [.. seq.Items.Select(row => row is RecipeSequence r ? r.Items.Select(Scalar).ToArray() : throw new InputException(row.Path, $"line {row.Line}: expected a list of numbers"))]
            : throw new InputException(where, $"'{key}' must be a list of lists of numbers");
}

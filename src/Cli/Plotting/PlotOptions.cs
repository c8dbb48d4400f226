using System.Globalization;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Plotting;

/// <summary>Parsed arguments of `hlfp plot` (files and options in any order).</summary>
internal sealed class PlotOptions
{
    public List<string> Files { get; } = [];
    public string? Output { get; private set; }
    public string? Title { get; private set; }
    public IReadOnlyList<string>? Names { get; private set; }
    public IReadOnlyList<int>? Sizes { get; private set; }
    public IReadOnlyList<double>? Depths { get; private set; }
    public double? Bin { get; private set; }
    public double? TStart { get; private set; }
    public double? TStop { get; private set; }
    public double? Dt { get; private set; }
    public double? SmoothingHz { get; private set; }
    public bool Frequency { get; private set; }
    public bool Bars { get; private set; }
    public bool Overlay { get; private set; }
    public bool PopulationNames { get; private set; }
    public string? Quantity { get; private set; }
    public string? Unit { get; private set; }
    public string? Positions { get; private set; }

    public static PlotOptions Parse(IReadOnlyList<string> args)
    {
        var o = new PlotOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new InputException(a, "expects a value");
            double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v : throw new InputException(a, $"expects a number, got '{args[i]}'");
            switch (a)
            {
                case "-o" or "--output": o.Output = Value(); break;
                case "--title": o.Title = Value(); break;
                case "--names": o.Names = Value().Split(','); break;
                case "--sizes": o.Sizes = Value().Split(',').Select(s => int.TryParse(s, out var n) && n > 0 ? n : throw new InputException(a, $"expects positive integers, got '{s}'")).ToArray(); break;
                case "--depths": o.Depths = Value().Split(',').Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var z) ? z : throw new InputException(a, $"expects numbers (µm), got '{s}'")).ToArray(); break;
                case "--bin": o.Bin = Number(); break;
                case "--tstart": o.TStart = Number(); break;
                case "--tstop": o.TStop = Number(); break;
                case "--dt": o.Dt = Number(); break;
                case "--df": o.SmoothingHz = Number(); break;
                case "--frequency": o.Frequency = true; break;
                case "--bars": o.Bars = true; break;
                case "--overlay": o.Overlay = true; break;
                case "--population-names": o.PopulationNames = true; break;
                case "--quantity": o.Quantity = Value(); break;
                case "--unit": o.Unit = Value(); break;
                case "--positions": o.Positions = Value(); break;
                default:
                    if (a.StartsWith('-') && a.Length > 1 && !char.IsDigit(a[1]))
                    {
                        throw new InputException(a, "unknown option; run 'hlfp plot --help'");
                    }

                    o.Files.Add(a);
                    break;
            }
        }

        return o;
    }
}

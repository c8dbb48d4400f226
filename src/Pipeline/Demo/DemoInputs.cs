using System.Reflection;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Generators;

namespace HybridLfp.Streaming.Pipeline.Demo;

/// <summary>
/// The demo's inputs, made by the project itself (nothing from ../shared): the example morphologies embedded in
/// this assembly (from <c>examples/morphologies</c>) written to OUT/morphologies, and seeded Poisson spike trains
/// of the network populations written to OUT/spikes as NEST 3 text files with exact times.
/// </summary>
public static class DemoInputs
{
    /// <summary>Morphology of the excitatory cells.</summary>
    public const string PyramidalFile = "pyramidal.hoc";

    /// <summary>Morphology of the inhibitory cells.</summary>
    public const string BallAndStickFile = "ball_and_stick.hoc";

    /// <summary>Writes the embedded morphologies into <c>OUT/morphologies</c>; returns (pyramidal, ball-and-stick) paths.</summary>
    public static (string Pyramidal, string BallAndStick) WriteMorphologies(string outputDirectory)
    {
        var folder = Path.Combine(outputDirectory, "morphologies");
        Directory.CreateDirectory(folder);
        string Write(string name)
        {
            var assembly = typeof(DemoInputs).Assembly;
            using var stream = assembly.GetManifestResourceStream("HybridLfp.Streaming.Pipeline.Demo.Morphologies." + name)
                ?? throw new InvalidOperationException($"embedded morphology {name} is missing from {assembly.GetName().Name}");
            var path = Path.Combine(folder, name);
            using var file = File.Create(path);
            stream.CopyTo(file);
            return path;
        }

        return (Write(PyramidalFile), Write(BallAndStickFile));
    }

    /// <summary>
    /// Generates seeded Poisson spikes of the two network populations (EX gids 1…, IN right after) and writes one
    /// NEST 3 <c>.dat</c> file each into <c>OUT/spikes</c>; returns the two paths and spike counts.
    /// </summary>
    public static async Task<(string Excitatory, string Inhibitory, long Count)> WriteSpikesAsync(string outputDirectory, DemoOptions options,
        CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(outputDirectory, "spikes");
        Directory.CreateDirectory(folder);
        var ex = new GeneratedPopulation("EX", 1, options.NetworkSize.Excitatory);
        var inh = new GeneratedPopulation("IN", 1 + options.NetworkSize.Excitatory, options.NetworkSize.Inhibitory);
        long count = 0;
        string Path0(string name) => Path.Combine(folder, name);
        foreach (var (population, rate, index) in new[] { (ex, options.RatesHz.Excitatory, 0UL), (inh, options.RatesHz.Inhibitory, 1UL) })
        {
            var generator = new PoissonSpikeGenerator([new PoissonPopulationDescription(population, rate)], options.TstopMs, options.Seed + index);
            using var writer = new NestDatSpikeWriter(Path0($"{population.Name}.dat"));
            count += await SpikeWriters.CopyAsync(generator, writer, cancellationToken).ConfigureAwait(false);
        }

        return (Path0("EX.dat"), Path0("IN.dat"), count);
    }

    /// <summary>Names of the embedded resources (for checks).</summary>
    internal static IEnumerable<string> ResourceNames() => Assembly.GetExecutingAssembly().GetManifestResourceNames();
}

using System.Globalization;
using System.Threading.Channels;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Pipeline.Recipe;
using HybridLfp.Streaming.Pipeline.Run.Engine;

// A program that owns a spiking network (here: a toy random producer) and wants the extracellular signals of the
// hybrid scheme while it runs. Nothing is read from disk: morphology, recipe and spikes are made here.

const double dt = 0.1, dtOutput = 1.0, tstop = 200; // ms

// Ball-and-stick morphology (SWC: id type x y z radius parent; µm): soma, a 300 µm apical dendrite, a basal one.
var swc = string.Join('\n',
    "1 1 0 0 0 10 -1",
    "2 4 0 0 10 1.5 1", "3 4 0 0 110 1.2 2", "4 4 0 0 210 1.0 3", "5 4 0 0 310 0.8 4",
    "6 3 0 0 -10 1.5 1", "7 3 0 0 -110 1.0 6");

SynapseParametersDescription Synapses(double weightNa) => new()
{
    SectionPatterns = ["apic", "dend"], Type = SynapseType.AlphaISyn, TauMs = 0.5, Weight = weightNa, DelayLocMs = 1.5,
};

var recipe = new RecipeDescription
{
    DtMs = dt,
    DtOutputMs = dtOutput,
    TstopMs = tstop,
    Seed = 42,
    BatchSize = 8,
    Network =
    [
        new NetworkPopulationDescription("E", 1, 100, new SpikeSourceDescription { Kind = SpikeSourceKind.Live }),
        new NetworkPopulationDescription("I", 101, 25, new SpikeSourceDescription { Kind = SpikeSourceKind.Live }),
    ],
    Populations =
    [
        new PopulationDescription
        {
            Name = "pyr",
            Morphology = new MorphologySourceDescription(MorphologyFormat.Swc, null, swc),
            Cell = new CellParametersDescription { GPasSPerCm2 = 5e-5, EPasMv = 0, VInitMv = 0 },
            CellCount = 20,
            Placement = new PlacementDescription { RadiusUm = 100, ZMinUm = -450, ZMaxUm = -350, MinCellInterdistUm = 1 },
            RandomRotationAxes = ['z'],
            Layers = [new LayerDescription(0, -300), new LayerDescription(-300, -500)],
            InDegrees = [[10, 0], [10, 5]],
            Synapses = [Synapses(0.2), Synapses(-1.2)],
        },
    ],
    Probes = [new ProbeDescription("dipole", "CurrentDipoleMoment", null)],
};

// Live spikes: one bounded channel per network population; a chunk carries time-sorted spikes and a watermark
// (no later spike of this producer is earlier). The graph computes a window as soon as every watermark allows it.
var channels = recipe.Network.ToDictionary(x => x.Name, _ => Channel.CreateBounded<SpikeChunk>(16));
var live = channels.ToDictionary(c => c.Key, c => (IAsyncEnumerable<SpikeChunk>)c.Value.Reader.ReadAllAsync());
var frames = new AsyncEnumerableSink();
var run = EngineHybridRun.Create(new LiveSpikeSourceFactory(live));
var running = run.RunAsync(recipe, [frames], new StreamingGraphOptions { MaxDegreeOfParallelism = 2 });

var producer = Task.Run(async () =>
{
    var random = new Random(1);
    for (var t0 = 0.0; t0 < tstop; t0 += 1.0) // the "network" advances 1 ms at a time
    {
        foreach (var x in recipe.Network)
        {
            var spikes = Enumerable.Range(0, (int)x.Count).Where(_ => random.NextDouble() < 0.02) // ≈ 20 Hz
                .Select(i => (Gid: x.FirstGid + i, T: Math.Round(t0 + random.NextDouble(), 1))).OrderBy(s => s.T).ThenBy(s => s.Gid).ToArray();
            await channels[x.Name].Writer.WriteAsync(new SpikeChunk(spikes.Select(s => s.Gid).ToArray(), spikes.Select(s => s.T).ToArray(), t0 + 1.0));
        }
    }

    foreach (var c in channels.Values)
    {
        c.Writer.Complete();
    }
});

await foreach (var frame in frames.Frames())
{
    // p_z of the population sum (channel 2 of the dipole), nA·µm, at the frame's last sample
    var n = frame.Window.SampleCount;
    var pz = frame.Totals[0][(2 * n) + n - 1];
    if (frame.Window.Index % 20 == 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window {frame.Window.Index,4}: t = {(frame.Window.FirstSample + n - 1) * dtOutput,6:F1} ms, p_z = {pz,10:F3} nA·µm"));
    }
}

await producer;
var summary = await running;
Console.WriteLine(summary);

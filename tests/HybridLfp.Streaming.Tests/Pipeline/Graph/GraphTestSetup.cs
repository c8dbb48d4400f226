using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>
/// A small hybrid-shaped run for the graph tests: 2 network populations (gids 1–40, 41–50), 2 postsynaptic
/// populations (A: 10 cells, B: 6 cells) in batches of 4, 3 synapses per cell, fixed pseudo-random connectivity,
/// dt = 0.1 ms, dt_output = 0.2 ms, d_min = 1.0 ms, tstop = 20 ms. Spike times are (k + 0.5)·dt and delays whole
/// steps, so every arrival lies strictly inside a step and the expected signal is computed here without the
/// schedule's rules.
/// </summary>
internal sealed class GraphTestSetup
{
    public const double Dt = 0.1;
    public const int Q = 2;
    public const double Tstop = 20;
    public const double MinDelay = 1.0;
    public const int BatchSize = 4;
    public const int SynapsesPerCell = 3;

    public static readonly string[] Populations = ["A", "B"];
    public static readonly int[] CellsPerPopulation = [10, 6];
    public static readonly ProbeLayout[] Probes = [new("lfp", 3, "mV"), new("csd", 2, "nA/µm³")];

    public WindowSchedule Schedule { get; } = WindowSchedule.Create(Dt, Dt * Q, Tstop, MinDelay);

    /// <summary>(gid, global cell, synapse, delay steps).</summary>
    public List<(long Gid, int GlobalCell, int Synapse, int DelaySteps)> Connections { get; } = [];

    /// <summary>Spikes per source: source 0 = gids 1–40 (many), source 1 = gids 41–50; times as step indices k (t = (k + 0.5)·dt).</summary>
    public List<(long Gid, int Step)>[] SpikesBySource { get; } = [[], []];

    public GraphTestSetup()
    {
        var rng = new System.Random(12345);
        var totalCells = CellsPerPopulation.Sum();
        for (var cell = 0; cell < totalCells; cell++)
        {
            for (var syn = 0; syn < SynapsesPerCell; syn++)
            {
                for (var k = 0; k < 2; k++)
                {
                    Connections.Add((rng.Next(1, 51), cell, syn, 10 + rng.Next(0, 15)));
                }
            }
        }

        for (var gid = 1; gid <= 50; gid++)
        {
            var source = gid <= 40 ? 0 : 1;
            for (var k = rng.Next(0, 20); k < 200; k += 5 + rng.Next(0, 30))
            {
                SpikesBySource[source].Add((gid, k));
            }
        }

        foreach (var list in SpikesBySource)
        {
            list.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Gid.CompareTo(b.Gid));
        }
    }

    public static (int Population, int Batch, int CellInBatch, int FirstCell) Locate(int globalCell)
    {
        var batchBase = 0;
        var cellBase = 0;
        for (var y = 0; y < CellsPerPopulation.Length; y++)
        {
            if (globalCell < cellBase + CellsPerPopulation[y])
            {
                var local = globalCell - cellBase;
                return (y, batchBase + (local / BatchSize), local % BatchSize, local - (local % BatchSize));
            }

            batchBase += (CellsPerPopulation[y] + BatchSize - 1) / BatchSize;
            cellBase += CellsPerPopulation[y];
        }

        throw new ArgumentOutOfRangeException(nameof(globalCell));
    }

    public RoutingTable Routing() => RoutingTable.Create(
        Connections.Select(c =>
        {
            var (_, batch, cell, _) = Locate(c.GlobalCell);
            return (c.Gid, new RouteTarget(batch, cell, c.Synapse, c.DelaySteps * Dt));
        }), BatchCount);

    public static int BatchCount => CellsPerPopulation.Sum(n => (n + BatchSize - 1) / BatchSize);

    public List<CellBatch> Batches(Func<int, BoxCurrentKernel, BoxCurrentKernel>? configure = null)
    {
        var batches = new List<CellBatch>();
        var globalBase = 0;
        for (var y = 0; y < Populations.Length; y++)
        {
            for (var first = 0; first < CellsPerPopulation[y]; first += BatchSize)
            {
                var count = Math.Min(BatchSize, CellsPerPopulation[y] - first);
                var kernel = new BoxCurrentKernel(globalBase + first, count, Probes, Schedule);
                kernel = configure?.Invoke(batches.Count, kernel) ?? kernel;
                batches.Add(new CellBatch(batches.Count, Populations[y], y, first, kernel));
            }

            globalBase += CellsPerPopulation[y];
        }

        return batches;
    }

    /// <summary>Chunks of up to <paramref name="chunkSize"/> spikes; watermark = next spike time (or +∞ at the end, by completion).</summary>
    public async IAsyncEnumerable<SpikeChunk> Source(int source, int chunkSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var spikes = SpikesBySource[source];
        for (var i = 0; i < spikes.Count; i += chunkSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = spikes.Skip(i).Take(chunkSize).ToArray();
            var watermark = i + chunkSize < spikes.Count ? Time(spikes[i + chunkSize].Step) : Time(part[^1].Step);
            yield return new SpikeChunk(part.Select(s => s.Gid).ToArray(), part.Select(s => Time(s.Step)).ToArray(), watermark);
            await Task.Yield();
        }
    }

    public static double Time(int step) => (step + 0.5) * Dt;

    /// <summary>
    /// Expected signal [probe][population (−1 = total at index Populations.Length)][channel][sample], computed
    /// directly: an arrival at (k + 0.5 + d)·dt first shows at step k + d + 1; it adds its weight at every output
    /// sample m whose step m·q lies in [k + d + 1, k + d + 1 + duration), if that first step is ≤ N.
    /// </summary>
    public double[][][][] Expected(out long eventCount)
    {
        var n = (int)Math.Round(Tstop / Dt);
        var samples = (n / Q) + 1;
        var result = Probes.Select(p => Enumerable.Range(0, Populations.Length + 1)
            .Select(_ => Enumerable.Range(0, p.ChannelCount).Select(_ => new double[samples]).ToArray()).ToArray()).ToArray();
        eventCount = 0;
        var byGid = Connections.ToLookup(c => c.Gid);
        foreach (var (gid, k) in SpikesBySource.SelectMany(s => s))
        {
            foreach (var c in byGid[gid])
            {
                var firstStep = k + c.DelaySteps + 1;
                if (firstStep > n)
                {
                    continue;
                }

                eventCount++;
                var (y, _, _, _) = Locate(c.GlobalCell);
                for (var m = 0; m < samples; m++)
                {
                    var step = m * Q;
                    if (step < firstStep || step >= firstStep + BoxCurrentKernel.DurationSteps)
                    {
                        continue;
                    }

                    for (var p = 0; p < Probes.Length; p++)
                    {
                        for (var ch = 0; ch < Probes[p].ChannelCount; ch++)
                        {
                            var w = BoxCurrentKernel.Weight(c.GlobalCell, c.Synapse, p, ch);
                            result[p][y][ch][m] += w;
                            result[p][Populations.Length][ch][m] += w;
                        }
                    }
                }
            }
        }

        return result;
    }

    public StreamingGraph Graph(IReadOnlyList<IWindowSink> sinks, int threads, Func<int, BoxCurrentKernel, BoxCurrentKernel>? configure = null, int capacity = 4) =>
        new(Schedule, Routing(), Batches(configure), Populations, Probes, sinks,
            new StreamingGraphOptions { MaxDegreeOfParallelism = threads, BoundedCapacity = capacity });
}

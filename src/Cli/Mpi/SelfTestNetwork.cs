using System.Runtime.CompilerServices;
using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Cli.Mpi;

/// <summary>
/// The small deterministic run of `hlfp mpi-selftest`: 30 network gids with seeded spikes; populations A (13 cells)
/// and B (7 cells) in batches of 3 (5 + 3 batches); 3 synapses per cell, 2 connections each; dt = 0.1 ms,
/// dt_output = 0.2 ms, d_min = 1 ms (1 ms windows), tstop = 30 ms unless given; probes "lfp" (4 channels) and "csd" (3).
/// </summary>
internal sealed class SelfTestNetwork
{
    public const int BatchSize = 3;
    public static readonly string[] Populations = ["A", "B"];
    public static readonly int[] CellsPerPopulation = [13, 7];
    public static readonly ProbeLayout[] Probes = [new("lfp", 4, "mV"), new("csd", 3, "nA/µm³")];

    public WindowSchedule Schedule { get; }

    /// <param name="tstopMs">simulated time, ms (30 by default; longer runs measure the per-window exchange).</param>
    public SelfTestNetwork(double tstopMs = 30) => Schedule = WindowSchedule.Create(0.1, 0.2, tstopMs, 1.0);

    /// <summary>Population index of every global batch.</summary>
    public int[] PopulationOfBatch { get; } = CellsPerPopulation
        .SelectMany((n, y) => Enumerable.Repeat(y, (n + BatchSize - 1) / BatchSize)).ToArray();

    /// <summary>Cells per global batch (decomposition weights).</summary>
    public double[] CellsOfBatch { get; } = CellsPerPopulation
        .SelectMany(n => Enumerable.Range(0, (n + BatchSize - 1) / BatchSize).Select(i => (double)Math.Min(BatchSize, n - (i * BatchSize)))).ToArray();

    public RoutingTable Routing()
    {
        var connections = new List<(long, RouteTarget)>();
        var batchBase = 0;
        var cellBase = 0;
        for (var y = 0; y < CellsPerPopulation.Length; y++)
        {
            for (var local = 0; local < CellsPerPopulation[y]; local++)
            {
                var global = cellBase + local;
                for (var syn = 0; syn < 3; syn++)
                {
                    for (var k = 0; k < 2; k++)
                    {
                        var gid = 1 + (((global * 7) + (syn * 13) + (k * 5)) % 30);
                        var delaySteps = 10 + ((global + (syn * 3) + k) % 9);
                        connections.Add((gid, new RouteTarget(batchBase + (local / BatchSize), local % BatchSize, syn, delaySteps * 0.1)));
                    }
                }
            }

            batchBase += (CellsPerPopulation[y] + BatchSize - 1) / BatchSize;
            cellBase += CellsPerPopulation[y];
        }

        return RoutingTable.Create(connections, PopulationOfBatch.Length);
    }

    /// <summary>Batches first … first + count − 1 with fresh kernels.</summary>
    public List<CellBatch> Batches(int first, int count, int? throwInWindow = null, int? killInWindow = null)
    {
        var all = new List<CellBatch>();
        var cellBase = 0;
        for (var y = 0; y < CellsPerPopulation.Length; y++)
        {
            for (var firstCell = 0; firstCell < CellsPerPopulation[y]; firstCell += BatchSize)
            {
                var index = all.Count;
                var n = Math.Min(BatchSize, CellsPerPopulation[y] - firstCell);
                var faulty = index == first; // faults go to the first batch of the rank that asks for them
                all.Add(new CellBatch(index, Populations[y], y, firstCell,
                    new SelfTestKernel(cellBase + firstCell, n, Probes, Schedule, faulty ? throwInWindow : null, faulty ? killInWindow : null)));
            }

            cellBase += CellsPerPopulation[y];
        }

        return all.GetRange(first, count);
    }

    /// <summary>The seeded spikes of all 30 gids, time-ordered, in chunks of 40 (watermark = next spike time).</summary>
    public static async IAsyncEnumerable<SpikeChunk> Spikes([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var random = new Random(20261122);
        var spikes = new List<(long Gid, int Step)>();
        for (var gid = 1; gid <= 30; gid++)
        {
            for (var step = random.Next(0, 15); step < 300; step += 4 + random.Next(0, 25))
            {
                spikes.Add((gid, step));
            }
        }

        spikes.Sort((a, b) => a.Step != b.Step ? a.Step.CompareTo(b.Step) : a.Gid.CompareTo(b.Gid));
        for (var i = 0; i < spikes.Count; i += 40)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var part = spikes.GetRange(i, Math.Min(40, spikes.Count - i));
            var watermark = i + 40 < spikes.Count ? (spikes[i + 40].Step + 0.5) * 0.1 : (part[^1].Step + 0.5) * 0.1;
            yield return new SpikeChunk(part.Select(s => s.Gid).ToArray(), part.Select(s => (s.Step + 0.5) * 0.1).ToArray(), watermark);
            await Task.Yield();
        }
    }

    public BatchDecomposition Decompose(int ranks) => BatchDecomposition.Create(CellsOfBatch, ranks);
}

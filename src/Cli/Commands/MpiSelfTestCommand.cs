using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using HybridLfp.Streaming.Blocks.Distributed;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Blocks.Sinks;
using HybridLfp.Streaming.Cli.Mpi;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>
/// `hlfp mpi-selftest [--local] [--tstop MS] [--fail-rank R] [--kill-rank R] [--measure-spikes FILE …]`: checks the Open MPI binding (broadcast, gather,
/// all-reduce) and runs a small graph on a fake kernel across the ranks, printing (rank 0) a SHA-256 of every
/// output sample. The checksum must be the same for any rank count and for `--local` (one process, the
/// non-distributed graph, no MPI at all). Fault drills: `--fail-rank R` throws in a cell batch of rank R,
/// `--kill-rank R` SIGKILLs rank R; both must end the whole job quickly with a non-zero exit.
/// </summary>
internal sealed class MpiSelfTestCommand : ICliCommand
{
    private const int FaultWindow = 3;

    public string Name => "mpi-selftest";

    public string Summary => "check MPI (run under mpirun): collectives and a small distributed graph, prints a checksum";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var local = false;
        int? failRank = null, killRank = null;
        var spikeFiles = new List<string>();
        var tstopMs = 30.0;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--local":
                    local = true;
                    break;
                case "--fail-rank" when i + 1 < args.Count:
                    failRank = ParseRank(args[++i]);
                    break;
                case "--kill-rank" when i + 1 < args.Count:
                    killRank = ParseRank(args[++i]);
                    break;
                case "--tstop" when i + 1 < args.Count:
                    tstopMs = double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && t <= 1e5
                        ? t
                        : throw new InputException("--tstop", $"expected a duration in ms (0 < t ≤ 100000), got '{args[i]}'");
                    break;
                case "--measure-spikes" when i + 1 < args.Count:
                    spikeFiles.Add(args[++i]);
                    break;
                default:
                    throw new InputException("arguments", $"unexpected argument '{args[i]}' (expected --local, --tstop MS, --fail-rank R, --kill-rank R or --measure-spikes FILE)");
            }
        }

        var network = new SelfTestNetwork(tstopMs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new CallbackSink((frame, _) =>
        {
            Hash(hash, frame);
            return ValueTask.CompletedTask;
        });

        if (local)
        {
            var graph = new StreamingGraph(network.Schedule, network.Routing(), network.Batches(0, network.PopulationOfBatch.Length),
                SelfTestNetwork.Populations, SelfTestNetwork.Probes, [sink]);
            var stats = await graph.RunAsync([SelfTestNetwork.Spikes()], cancellationToken).ConfigureAwait(false);
            PrintResult(stdout, "local", 1, hash, stats);
            return 0;
        }

        MpiContext context;
        try
        {
            context = MpiContext.Start();
        }
        catch (DllNotFoundException e)
        {
            stderr.WriteLine($"hlfp mpi-selftest: error: {e.Message}");
            return 2;
        }

        using var session = context;
        try
        {
            CheckCollectives(context);
            if (spikeFiles.Count > 0)
            {
                MeasureSpikeDistribution(context, spikeFiles, stdout);
            }

            var decomposition = network.Decompose(context.Size);
            var rank = context.Rank;
            var batches = network.Batches(decomposition.FirstBatch(rank), decomposition.BatchCountOf(rank),
                failRank == rank ? FaultWindow : null, killRank == rank ? FaultWindow : null);
            var graph = new DistributedStreamingGraph(context, decomposition, network.PopulationOfBatch, network.Schedule, network.Routing(),
                batches, SelfTestNetwork.Populations, SelfTestNetwork.Probes, [sink]);
            var stats = await graph.RunAsync([SelfTestNetwork.Spikes()], cancellationToken).ConfigureAwait(false);
            if (rank == DistributedStreamingGraph.WriterRank)
            {
                PrintResult(stdout, "mpi", context.Size, hash, stats);
                foreach (var t in stats.RankTimings)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"rank {t.Rank}: {t.Batches} batches, {t.Cells} cells, {t.CellSteps} cell-steps, compute {t.ComputeSeconds:F3} s, exchange {t.ReduceSeconds:F3} s, wall {t.WallSeconds:F3} s"));
                }
            }

            return 0;
        }
        catch (DistributedFaultException e)
        {
            if (e.FailingRank == context.Rank)
            {
                stderr.WriteLine($"hlfp mpi-selftest: rank {context.Rank}: {e.FailureMessage}");
            }

            if (context.Rank == DistributedStreamingGraph.WriterRank)
            {
                stderr.WriteLine($"hlfp mpi-selftest: error: {e.Message}");
                stderr.Flush();
                context.Abort(e.Message, 1); // ends every rank
            }

            // Other ranks wait for the writer's abort, so the job's message is printed before anything exits.
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
            context.Abort(e.Message, 1);
            return 1;
        }
    }

    /// <summary>Reading the input on every rank vs broadcasting it per 1 ms window from rank 0 (the README quotes this).</summary>
    private static void MeasureSpikeDistribution(IDistributedContext context, IReadOnlyList<string> files, TextWriter stdout)
    {
        var (read, broadcast, spikes, windows) = SpikeDistributionMeasurement.Run(context, files, windowMs: 1.0);
        var slowestRead = context.AllReduceMax((long)(read * 1e6));
        var slowestBroadcast = context.AllReduceMax((long)(broadcast * 1e6));
        if (context.Rank == 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"spikes: {spikes} in {files.Count} file(s); every rank reads: {slowestRead / 1e3:F2} ms (slowest rank); rank 0 reads + broadcasts {windows} windows: {(slowestRead / 1e3) + (slowestBroadcast / 1e3):F2} ms"));
        }
    }

    private static int ParseRank(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            ? rank
            : throw new InputException("--fail-rank/--kill-rank", $"expected a rank number, got '{text}'");

    /// <summary>Broadcast, gather and all-reduce with values every rank can predict; any mismatch fails the job.</summary>
    private static void CheckCollectives(IDistributedContext context)
    {
        string? problem = null;
        double[] expected = [1.5, -2.25, Math.PI, 1e-300];
        var data = context.Rank == 0 ? (double[])expected.Clone() : new double[expected.Length];
        context.Broadcast(data, 0);
        if (!data.AsSpan().SequenceEqual(expected))
        {
            problem = $"broadcast gave [{string.Join(", ", data)}]";
        }

        var mine = Enumerable.Range(0, context.Rank + 1).Select(i => (context.Rank * 10.0) + i).ToArray();
        var counts = Enumerable.Range(1, context.Size).ToArray();
        var all = context.Rank == 0 ? new double[counts.Sum()] : null;
        context.GatherV(mine, all, counts, 0);
        if (all is not null)
        {
            var want = Enumerable.Range(0, context.Size).SelectMany(r => Enumerable.Range(0, r + 1).Select(i => (r * 10.0) + i)).ToArray();
            if (!all.AsSpan().SequenceEqual(want))
            {
                problem ??= $"gather gave [{string.Join(", ", all)}]";
            }
        }

        var max = context.AllReduceMax(context.Rank);
        if (max != context.Size - 1)
        {
            problem ??= $"all-reduce max of ranks gave {max}";
        }

        DistributedFaults.ThrowIfAnyFailed(context, problem is null ? null : new InvalidOperationException(problem));
    }

    private static void Hash(IncrementalHash hash, WindowFrame frame)
    {
        for (var p = 0; p < frame.Probes.Count; p++)
        {
            foreach (var population in frame.PopulationSums[p])
            {
                hash.AppendData(MemoryMarshal.AsBytes(population.AsSpan()));
            }

            hash.AppendData(MemoryMarshal.AsBytes(frame.Totals[p].AsSpan()));
        }
    }

    private static void PrintResult(TextWriter stdout, string kind, int ranks, IncrementalHash hash, GraphRunStatistics stats)
    {
        stdout.WriteLine($"{kind}: {ranks} rank(s), collectives ok");
        stdout.WriteLine($"checksum {Convert.ToHexStringLower(hash.GetHashAndReset())} windows {stats.Windows} events {stats.Events} cells {stats.Cells} cell-steps {stats.CellSteps}");
    }
}

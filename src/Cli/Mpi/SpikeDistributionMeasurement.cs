using System.Diagnostics;
using System.Globalization;
using HybridLfp.Streaming.Blocks.Distributed;

namespace HybridLfp.Streaming.Cli.Mpi;

/// <summary>
/// The measurement behind "every rank reads the spike input" (README, MPI section): (a) what reading the input costs
/// a rank (parse whitespace-separated "gid t" lines and order by time), against (b) the alternative, rank 0 reading
/// and broadcasting each window's spikes (two broadcasts per window: count, then gids and times). Collective.
/// </summary>
internal static class SpikeDistributionMeasurement
{
    /// <returns>(read seconds on this rank, broadcast seconds on this rank, spikes, windows).</returns>
    public static (double ReadSeconds, double BroadcastSeconds, int Spikes, int Windows) Run(IDistributedContext context, IReadOnlyList<string> files, double windowMs)
    {
        context.Barrier();
        var watch = Stopwatch.StartNew();
        var spikes = Read(files);
        var readSeconds = watch.Elapsed.TotalSeconds;

        context.Barrier();
        watch.Restart();
        var last = spikes.Count > 0 ? spikes[^1].TimeMs : 0;
        var windows = (int)Math.Ceiling(last / windowMs) + 1;
        var next = 0;
        var count = new double[1];
        for (var k = 0; k < windows; k++)
        {
            double[] payload = [];
            if (context.Rank == 0)
            {
                var first = next;
                while (next < spikes.Count && spikes[next].TimeMs < (k + 1) * windowMs)
                {
                    next++;
                }

                payload = new double[2 * (next - first)];
                for (var i = first; i < next; i++)
                {
                    payload[2 * (i - first)] = spikes[i].Gid;
                    payload[(2 * (i - first)) + 1] = spikes[i].TimeMs;
                }

                count[0] = payload.Length;
            }

            context.Broadcast(count, 0);
            if (context.Rank != 0)
            {
                payload = new double[(int)count[0]];
            }

            context.Broadcast(payload, 0);
        }

        return (readSeconds, watch.Elapsed.TotalSeconds, spikes.Count, windows);
    }

    private static List<(long Gid, double TimeMs)> Read(IReadOnlyList<string> files)
    {
        var spikes = new List<(long Gid, double TimeMs)>();
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2)
                {
                    spikes.Add((long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture)));
                }
            }
        }

        spikes.Sort((a, b) => a.TimeMs != b.TimeMs ? a.TimeMs.CompareTo(b.TimeMs) : a.Gid.CompareTo(b.Gid));
        return spikes;
    }
}

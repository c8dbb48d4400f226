using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Tests.Hdf5Sink;

/// <summary>
/// Hand-built window frames with full-mantissa values that depend on (probe, population, channel, global sample),
/// so any misplaced, truncated or rounded value shows. Population −1 stands for the total, filled with its own
/// function (not the sum), so a test sees that the sink writes <see cref="WindowFrame.Totals"/> as given.
/// </summary>
internal static class SignalFrames
{
    public static readonly ProbeLayout[] Probes =
    [
        new("RecExtElectrode", 3, "mV"),
        new("LaminarCurrentSourceDensity", 2, "nA/µm³"),
    ];

    public static readonly string[] Populations = ["EX", "IN"];

    public static double Value(int probe, int population, int channel, long sample) =>
        Math.Sin(1.0 + (probe * 7.1) + (population * 13.3) + (channel * 3.7) + (sample * 0.377)) * Math.Pow(10, -3 * probe) / 3.0;

    /// <summary>Windows of the given sample counts, consecutive from sample 0, with time step 0.1 ms and dt_output 1 ms.</summary>
    public static IEnumerable<WindowFrame> Windows(params int[] sampleCounts)
    {
        long first = 0;
        for (int k = 0; k < sampleCounts.Length; k++)
        {
            yield return Frame(k, first, sampleCounts[k]);
            first += sampleCounts[k];
        }
    }

    public static WindowFrame Frame(int index, long firstSample, int count)
    {
        var info = new WindowInfo(index, (firstSample * 10) + 1, (firstSample + count) * 10, firstSample, count, firstSample, firstSample + count);
        var sums = new double[Probes.Length][][];
        var totals = new double[Probes.Length][];
        for (int p = 0; p < Probes.Length; p++)
        {
            sums[p] = new double[Populations.Length][];
            for (int y = -1; y < Populations.Length; y++)
            {
                var buffer = new double[Probes[p].ChannelCount * count];
                for (int c = 0; c < Probes[p].ChannelCount; c++)
                {
                    for (int s = 0; s < count; s++)
                    {
                        buffer[(c * count) + s] = Value(p, y, c, firstSample + s);
                    }
                }

                if (y < 0)
                {
                    totals[p] = buffer;
                }
                else
                {
                    sums[p][y] = buffer;
                }
            }
        }

        return new WindowFrame(info, Probes, Populations, sums, totals, eventCount: 0, pool: null);
    }

    /// <summary>The expected (channels × samples) row-major content of one dataset after <paramref name="samples"/> samples.</summary>
    public static double[] Expected(int probe, int population, long samples)
    {
        var values = new double[Probes[probe].ChannelCount * samples];
        for (int c = 0; c < Probes[probe].ChannelCount; c++)
        {
            for (long s = 0; s < samples; s++)
            {
                values[(c * samples) + s] = Value(probe, population, c, s);
            }
        }

        return values;
    }
}

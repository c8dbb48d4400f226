using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Cli.Mpi;

/// <summary>
/// A fake cell-batch kernel for `hlfp mpi-selftest`: each cell holds a pseudo-current v (nA) that decays by a factor
/// 0.9 per step and jumps by a synapse-specific weight at each event; every output sample adds
/// v_cell × coefficient(probe, channel, cell) over the cells in cell order. Stateful across windows and with
/// non-dyadic numbers, so any change of summation order across ranks changes the output bits. Optionally throws or
/// kills its process in a given window (fault tests).
/// </summary>
internal sealed class SelfTestKernel(int firstGlobalCell, int cellCount, IReadOnlyList<ProbeLayout> probes, WindowSchedule schedule,
    int? throwInWindow, int? killInWindow) : ICellBatchKernel
{
    private readonly double[] _current = new double[cellCount];

    public int CellCount => cellCount;

    public static double Weight(int globalCell, int synapse) => 0.1 + (((globalCell * 31) + (synapse * 17)) % 13 / 7.0);

    public static double Coefficient(int probe, int channel, int globalCell) => (channel + 1.0) / (3.0 + globalCell) * (probe == 0 ? 1.0 : -0.37);

    public void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output)
    {
        if (throwInWindow == window.Index)
        {
            throw new InvalidOperationException($"self-test fault injected in cells {firstGlobalCell}–{firstGlobalCell + cellCount - 1} (pid {Environment.ProcessId})");
        }

        if (killInWindow == window.Index)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill(); // SIGKILL: no cleanup, as a crashed node
        }

        var q = schedule.DecimationFactor;
        var next = 0;
        for (var n = window.FirstStep; n <= window.LastStep; n++)
        {
            for (var c = 0; c < cellCount; c++)
            {
                _current[c] *= 0.9;
            }

            for (; next < events.Length && schedule.StepOfEvent(events[next].TimeMs) <= n; next++)
            {
                _current[events[next].Cell] += Weight(firstGlobalCell + events[next].Cell, events[next].Synapse);
            }

            if (n % q != 0)
            {
                continue;
            }

            var s = (int)((n / q) - window.FirstSample);
            for (var p = 0; p < probes.Count; p++)
            {
                var buffer = output.Probe(p);
                for (var ch = 0; ch < probes[p].ChannelCount; ch++)
                {
                    for (var c = 0; c < cellCount; c++)
                    {
                        buffer[(ch * output.SampleCount) + s] += _current[c] * Coefficient(p, ch, firstGlobalCell + c);
                    }
                }
            }
        }
    }
}

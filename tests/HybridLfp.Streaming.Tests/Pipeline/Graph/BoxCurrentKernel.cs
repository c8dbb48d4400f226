using HybridLfp.Streaming.Blocks.Graph;

namespace HybridLfp.Streaming.Tests.Pipeline.Graph;

/// <summary>
/// A fake cell-batch kernel with state across windows: an event on (cell, synapse) arriving in step a adds the
/// pseudo-current w = Weight(global cell, synapse, probe, channel) to every output sample whose step is in
/// [a, a + DurationSteps). Non-dyadic weights make the sums order-sensitive, so they reveal any change in
/// summation order. Optionally sleeps (to shuffle batch completion) or throws in a given window.
/// </summary>
internal sealed class BoxCurrentKernel(int firstGlobalCell, int cellCount, IReadOnlyList<ProbeLayout> probes, WindowSchedule schedule) : ICellBatchKernel
{
    public const int DurationSteps = 7;

    private readonly List<(int Cell, int Synapse, long Start)> _active = [];

    public int CellCount => cellCount;

    public int FirstGlobalCell => firstGlobalCell;

    /// <summary>A fresh kernel for the same cells with test behaviour added.</summary>
    public BoxCurrentKernel With(Func<int, int>? sleepMsForWindow = null, int? throwInWindow = null) =>
        new(firstGlobalCell, cellCount, probes, schedule) { SleepMsForWindow = sleepMsForWindow, ThrowInWindow = throwInWindow };

    public Func<int, int>? SleepMsForWindow { get; init; }

    public int? ThrowInWindow { get; init; }

    public static double Weight(int globalCell, int synapse, int probe, int channel) =>
        (channel + 1.0) / (3.0 + globalCell + (7.0 * synapse)) * (probe == 0 ? 1.0 : -0.1);

    public void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output)
    {
        if (SleepMsForWindow?.Invoke(window.Index) is { } ms and > 0)
        {
            Thread.Sleep(ms);
        }

        if (ThrowInWindow == window.Index)
        {
            throw new InvalidOperationException("membrane exploded");
        }

        foreach (var e in events)
        {
            _active.Add((e.Cell, e.Synapse, schedule.StepOfEvent(e.TimeMs)));
        }

        var q = schedule.DecimationFactor;
        for (var s = 0; s < window.SampleCount; s++)
        {
            var step = (window.FirstSample + s) * q;
            for (var cell = 0; cell < cellCount; cell++)
            {
                foreach (var (c, syn, start) in _active)
                {
                    if (c != cell || step < start || step >= start + DurationSteps)
                    {
                        continue;
                    }

                    for (var p = 0; p < probes.Count; p++)
                    {
                        var buffer = output.Probe(p);
                        for (var ch = 0; ch < probes[p].ChannelCount; ch++)
                        {
                            buffer[(ch * window.SampleCount) + s] += Weight(firstGlobalCell + cell, syn, p, ch);
                        }
                    }
                }
            }
        }

        var lastStep = window.LastStep;
        _active.RemoveAll(a => a.Start + DurationSteps <= lastStep);
    }
}

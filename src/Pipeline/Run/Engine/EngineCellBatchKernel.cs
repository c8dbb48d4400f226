using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.Run.Outputs;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// <see cref="ICellBatchKernel"/> over the engine's <see cref="CellBatchKernel"/> (SIMD lanes across the batch's
/// cells, shared factorization): per window it queues the routed events, steps the cells, accumulates each cell's
/// membrane currents (nA) per output sample, and projects them with the cell's own transformation matrices, adding
/// the cells into the output in cell order.
/// <para>
/// Output sample 0 is the initial state; sample m ≥ 1 is the mean of the currents after steps (m−1)·q+1 … m·q
/// (q = dt_output/dt), projected afterwards — exact by linearity. With q = 1 the currents are used as they are.
/// </para>
/// Event timing: events are handed to the engine at the start of the window holding their step ⌈t/dt − 1e-9⌉; the
/// engine keeps them queued and delivers each at NEURON's fixed-step time (at t + dt/2 before the current is
/// evaluated, or at the end of a step), so an event handed over up to one window early changes nothing.
/// <para>
/// Kept single cells (optional <see cref="CellContributionTap"/>, off by default): the projection of a kept cell — exactly
/// the values added into the batch output — is also handed to the tap's sink.
/// </para>
/// </summary>
internal sealed class EngineCellBatchKernel : ICellBatchKernel
{
    private readonly CellBatchKernel _engine;
    private readonly TransformationMatrix[][] _matrices; // [cell][probe]
    private readonly string _population;
    private readonly int _firstCell;
    private readonly int _q;
    private readonly int _segments;
    private readonly int _samplesMax;
    private readonly double[] _acc;  // [cell][sample][segment], nA
    private readonly double[] _proj; // [sample][row]
    private readonly CellContributionTap? _tap;
    private int _countInBlock;

    public EngineCellBatchKernel(CellBatchKernel engine, TransformationMatrix[][] matrices, string population, int firstCell, WindowSchedule schedule,
        CellContributionTap? tap = null)
    {
        _tap = tap;
        _engine = engine;
        _matrices = matrices;
        _population = population;
        _firstCell = firstCell;
        _q = schedule.DecimationFactor;
        _segments = engine.SegmentCount;
        _samplesMax = (schedule.StepsPerWindow / _q) + 1;
        _acc = new double[engine.CellCount * _samplesMax * _segments];
        var rows = matrices.Length == 0 ? 0 : matrices[0].Max(m => m.Rows);
        _proj = new double[_samplesMax * Math.Max(1, rows)];
    }

    public int CellCount => _engine.CellCount;

    public void AdvanceWindow(in WindowInfo window, ReadOnlySpan<BatchEvent> events, BatchOutput output)
    {
        foreach (var e in events)
        {
            _engine.AddSpike(e.Cell, e.Synapse, e.TimeMs);
        }

        var sample = 0;
        if (window.FirstSample == 0)
        {
            _countInBlock = 0;
            Store(0, 1.0); // the initial state, t = 0
            sample = 1;
        }

        for (var step = window.FirstStep; step <= window.LastStep; step++)
        {
            _engine.Step();
            _countInBlock++;
            if (_countInBlock == 1)
            {
                Store(sample, 1.0);
            }
            else
            {
                Add(sample);
            }

            if (_countInBlock == _q)
            {
                if (_q > 1)
                {
                    Scale(sample, 1.0 / _q);
                }

                _countInBlock = 0;
                sample++;
            }
        }

        if (sample != window.SampleCount)
        {
            throw new InvalidOperationException($"window {window.Index}: {sample} output samples computed, {window.SampleCount} expected");
        }

        Project(window, output);
    }

    private void Store(int sample, double scale)
    {
        var imem = _engine.MembraneCurrentsBySegmentAndLane;
        var lanes = _engine.LaneCount;
        for (var c = 0; c < CellCount; c++)
        {
            var dst = _acc.AsSpan(((c * _samplesMax) + sample) * _segments, _segments);
            for (var s = 0; s < _segments; s++)
            {
                dst[s] = imem[(s * lanes) + c] * scale;
            }
        }
    }

    private void Add(int sample)
    {
        var imem = _engine.MembraneCurrentsBySegmentAndLane;
        var lanes = _engine.LaneCount;
        for (var c = 0; c < CellCount; c++)
        {
            var dst = _acc.AsSpan(((c * _samplesMax) + sample) * _segments, _segments);
            for (var s = 0; s < _segments; s++)
            {
                dst[s] += imem[(s * lanes) + c];
            }
        }
    }

    private void Scale(int sample, double factor)
    {
        for (var c = 0; c < CellCount; c++)
        {
            var dst = _acc.AsSpan(((c * _samplesMax) + sample) * _segments, _segments);
            for (var s = 0; s < dst.Length; s++)
            {
                dst[s] *= factor;
            }
        }
    }

    private void Project(in WindowInfo window, BatchOutput output)
    {
        var n = window.SampleCount;
        for (var c = 0; c < CellCount; c++)
        {
            var currents = _acc.AsSpan(c * _samplesMax * _segments, n * _segments);
            for (var p = 0; p < _matrices[c].Length; p++)
            {
                var m = _matrices[c][p];
                var proj = _proj.AsSpan(0, n * m.Rows);
                m.ApplyBlock(currents, n, proj);
                var dst = output.Probe(p);
                for (var r = 0; r < m.Rows; r++)
                {
                    var row = dst.Slice(r * n, n);
                    for (var s = 0; s < n; s++)
                    {
                        var v = proj[(s * m.Rows) + r];
                        if (!double.IsFinite(v))
                        {
                            throw new InvalidOperationException(
                                $"population {_population}, cell {_firstCell + c}, window {window.Index} ({window.StartTimeMs}–{window.EndTimeMs} ms): " +
                                $"probe {p} channel {r} became {v} (the membrane currents diverged; check weights and time step)");
                        }

                        row[s] += v;
                    }
                }

                if (_tap is not null && _tap.KeptSlotOfCell[c] is var kept and >= 0)
                {
                    _tap.Sink.Append(kept, p, proj, n);
                }
            }
        }
    }
}

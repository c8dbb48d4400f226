using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HybridLfp.Streaming.Blocks.Graph;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.Run.Outputs;

namespace HybridLfp.Streaming.Pipeline.Run.Engine;

/// <summary>
/// <see cref="ICellBatchKernel"/> over the engine's <see cref="CellBatchKernel"/> (SIMD lanes across the batch's
/// cells, shared factorization): per window it queues the routed events, steps the cells, accumulates each cell's
/// membrane currents (nA) per output sample in the engine's [segment × lane] layout, and projects them with each
/// cell's own transformation matrix, all lanes at once (SIMD), adding the cells into the output in cell order.
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
    private readonly string _population;
    private readonly int _firstCell;
    private readonly int _q;
    private readonly int _segments;
    private readonly int _samplesMax;
    private readonly int _lanes;
    private readonly double[] _acc;  // [sample][segment × lane] as the engine lays out imem, nA
    private readonly double[][] _laneMatrices; // [probe][(row × segment) × lane]: each cell's own M in its lane
    private readonly double[] _laneSums; // [lane], one row's per-cell projections
    private readonly CellContributionTap? _tap;
    private readonly double[] _tapRows = []; // [cell][sample × row] of one probe, kept cells only (with a tap)
    private int _countInBlock;

    public EngineCellBatchKernel(CellBatchKernel engine, TransformationMatrix[][] matrices, string population, int firstCell, WindowSchedule schedule,
        CellContributionTap? tap = null)
    {
        _tap = tap;
        _engine = engine;
        _population = population;
        _firstCell = firstCell;
        _q = schedule.DecimationFactor;
        _segments = engine.SegmentCount;
        _samplesMax = (schedule.StepsPerWindow / _q) + 1;
        _lanes = engine.LaneCount;
        _acc = new double[_samplesMax * _segments * _lanes];
        _laneSums = new double[_lanes];
        var probes = matrices.Length == 0 ? 0 : matrices[0].Length;
        _laneMatrices = new double[probes][];
        for (var p = 0; p < probes; p++)
        {
            var rows = matrices[0][p].Rows;
            var lm = new double[rows * _segments * _lanes]; // padded lanes stay 0
            for (var c = 0; c < matrices.Length; c++)
            {
                var m = matrices[c][p];
                if (m.Rows != rows || m.Columns != _segments)
                {
                    throw new ArgumentException($"cell {firstCell + c}, probe {p}: matrix {m.Rows}×{m.Columns}, expected {rows}×{_segments}");
                }

                for (var r = 0; r < rows; r++)
                {
                    for (var seg = 0; seg < _segments; seg++)
                    {
                        lm[(((r * _segments) + seg) * _lanes) + c] = m[r, seg];
                    }
                }
            }

            _laneMatrices[p] = lm;
        }

        if (tap is not null)
        {
            var maxRows = matrices.Length == 0 ? 0 : matrices[0].Max(m => m.Rows);
            _tapRows = new double[matrices.Length * _samplesMax * maxRows];
        }
    }

    public int CellCount => _engine.CellCount;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            Store(0); // the initial state, t = 0
            sample = 1;
        }

        for (var step = window.FirstStep; step <= window.LastStep; step++)
        {
            _engine.Step();
            _countInBlock++;
            if (_countInBlock == 1)
            {
                Store(sample);
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

    // The per-step accumulation runs over the engine's contiguous [segment × lane] array (SIMD, no transposition);
    // each cell's column is gathered once per window in Project. Same additions in the same order as per cell.
    private Span<double> Sample(int sample) => _acc.AsSpan(sample * _segments * _lanes, _segments * _lanes);

    private void Store(int sample) => _engine.MembraneCurrentsBySegmentAndLane.CopyTo(Sample(sample));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(int sample)
    {
        var src = MemoryMarshal.Cast<double, Vector<double>>(_engine.MembraneCurrentsBySegmentAndLane);
        var dst = MemoryMarshal.Cast<double, Vector<double>>(Sample(sample));
        for (var k = 0; k < dst.Length; k++)
        {
            dst[k] += src[k];
        }
    }

    private void Scale(int sample, double factor)
    {
        var dst = MemoryMarshal.Cast<double, Vector<double>>(Sample(sample));
        var f = new Vector<double>(factor);
        for (var k = 0; k < dst.Length; k++)
        {
            dst[k] *= f;
        }
    }

    // Every cell's signal is its own M times its currents. All cells of the batch at once: lane c of
    // _laneMatrices holds cell c's M, so Σ_segment M[r, seg]·I[seg] runs over SIMD lanes (segments in order per
    // cell); the per-cell values are then added into the output in cell order (deterministic, thread-independent).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Project(in WindowInfo window, BatchOutput output)
    {
        var n = window.SampleCount;
        var perSegment = _lanes / Vector<double>.Count;
        var stride = _segments * _lanes;
        var laneSums = MemoryMarshal.Cast<double, Vector<double>>(_laneSums.AsSpan());
        for (var p = 0; p < _laneMatrices.Length; p++)
        {
            var lm = MemoryMarshal.Cast<double, Vector<double>>(_laneMatrices[p].AsSpan());
            var rows = _laneMatrices[p].Length / stride;
            var dst = output.Probe(p);
            for (var t = 0; t < n; t++)
            {
                var currents = MemoryMarshal.Cast<double, Vector<double>>(_acc.AsSpan(t * stride, stride));
                for (var r = 0; r < rows; r++)
                {
                    var m = lm.Slice(r * _segments * perSegment, _segments * perSegment);
                    for (var k = 0; k < perSegment; k++)
                    {
                        var sum = Vector<double>.Zero;
                        for (var seg = 0; seg < _segments; seg++)
                        {
                            var i = (seg * perSegment) + k;
                            sum += m[i] * currents[i];
                        }

                        laneSums[k] = sum;
                    }

                    var value = dst[(r * n) + t];
                    for (var c = 0; c < CellCount; c++)
                    {
                        var v = _laneSums[c];
                        if (!double.IsFinite(v))
                        {
                            throw new InvalidOperationException(
                                $"population {_population}, cell {_firstCell + c}, window {window.Index} ({window.StartTimeMs}–{window.EndTimeMs} ms): " +
                                $"probe {p} channel {r} became {v} (the membrane currents diverged; check weights and time step)");
                        }

                        value += v;
                    }

                    dst[(r * n) + t] = value;
                    if (_tap is not null)
                    {
                        for (var c = 0; c < CellCount; c++)
                        {
                            _tapRows[(((c * n) + t) * rows) + r] = _laneSums[c];
                        }
                    }
                }
            }

            if (_tap is not null)
            {
                for (var c = 0; c < CellCount; c++)
                {
                    if (_tap.KeptSlotOfCell[c] is var kept and >= 0)
                    {
                        _tap.Sink.Append(kept, p, _tapRows.AsSpan(c * n * rows, n * rows), n);
                    }
                }
            }
        }
    }
}

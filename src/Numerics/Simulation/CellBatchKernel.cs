using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HybridLfp.Streaming.Numerics.Discretization;

namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Many cells sharing one discretized morphology and passive parameters, stepped together: state is stored
/// structure-of-arrays as [node × lane] (one lane per cell, lanes padded to a multiple of <c>Vector&lt;double&gt;.Count</c>)
/// and every node operation runs across all lanes with SIMD. All synapses must be current-based (ExpSynI, AlphaISyn):
/// then the cable matrix is linear and time-invariant, its elimination is computed once for the morphology and
/// shared by every lane. Per lane the arithmetic is exactly that of <see cref="SingleCellKernel"/> in
/// <see cref="CableSolveMode.Factorized"/> mode (same operations in the same order), so each cell's results are
/// bit-identical to a single-cell run. Owns its state; not thread-safe; <see cref="Step"/> does not allocate.
/// </summary>
public sealed class CellBatchKernel
{
    private readonly int _n; // nodes
    private readonly int _lanes; // padded lane count
    private readonly int[] _parent;
    private readonly double[] _b, _area;
    private readonly double[] _invD, _f, _aPlusFb, _bInv, _dConst; // shared factorization (per node)
    private readonly double[] _gPas; // per node
    private readonly double _ePas;
    private readonly double _vInit;
    private readonly int[] _nodeOfSegment;

    private readonly double[] _v, _rhs, _savRhs; // [node * lanes + lane]
    private readonly double[] _imem; // [segment * lanes + lane], nA

    // Synapses of all cells, flattened in creation order (cell by cell); the filters, events and scatter below index
    // them by their position in NEURON's per-cell evaluation order instead, so the scatter reads currents in sequence.
    private readonly SynapseDescription[] _syn;
    private readonly int[] _evaluationPosition; // creation index → evaluation position
    private readonly int[] _orderedSlot; // [node × lane] slot of each synapse, in evaluation order
    private readonly double[] _orderedMfact; // 1/(100 µm²) → mA/cm² per nA, in evaluation order
    private readonly double[] _orderedWeight; // nA, in evaluation order
    private readonly int[] _firstSynapseOfCell;
    private readonly CurrentBasedSynapseQueues _onsets; // in evaluation order
    private readonly SpikeEventQueue _events = new();

    /// <param name="morphology">shared morphology (cm, Ra).</param>
    /// <param name="passive">shared leak.</param>
    /// <param name="synapsesPerCell">synapses of each cell (current-based only); the outer count is the number of cells.</param>
    /// <param name="dtMs">time step, ms.</param>
    /// <param name="vInitMv">initial potential, mV.</param>
    public CellBatchKernel(
        DiscretizedMorphology morphology,
        PassiveMembrane passive,
        IReadOnlyList<IReadOnlyList<SynapseDescription>> synapsesPerCell,
        double dtMs,
        double vInitMv)
    {
        ArgumentNullException.ThrowIfNull(morphology);
        ArgumentNullException.ThrowIfNull(passive);
        ArgumentNullException.ThrowIfNull(synapsesPerCell);
        if (!(dtMs > 0) || double.IsInfinity(dtMs))
        {
            throw new InputException("dt", $"the time step must be a finite number > 0 ms, got {dtMs}.");
        }

        if (synapsesPerCell.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one cell.", nameof(synapsesPerCell));
        }

        DtMs = dtMs;
        _vInit = vInitMv;
        CellCount = synapsesPerCell.Count;
        var w = Vector<double>.Count;
        _lanes = (CellCount + w - 1) / w * w;
        var layout = new CableNodeLayout(morphology);
        _n = layout.NodeCount;
        _parent = layout.Parent;
        _b = layout.B;
        _area = layout.Area;
        _nodeOfSegment = layout.NodeOfSegment;
        SegmentCount = morphology.SegmentCount;

        // shared constant factorization, computed exactly as SingleCellKernel's (no dirty nodes)
        _gPas = new double[_n];
        var cfac = new double[_n];
        foreach (var node in _nodeOfSegment)
        {
            _gPas[node] = passive.Inserted ? passive.GPasSPerCm2 : 0;
            cfac[node] = 0.001 * (1.0 / dtMs) * morphology.CmUfPerCm2;
        }

        _ePas = passive.Inserted ? passive.EPasMv : 0;
        _dConst = new double[_n];
        var dBase = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            _dConst[i] = _gPas[i] + cfac[i];
            dBase[i] = _dConst[i];
        }

        var a = layout.A;
        for (var i = 0; i < _n; i++)
        {
            var p = _parent[i];
            if (p >= 0)
            {
                dBase[i] -= _b[i];
                dBase[p] -= a[i];
            }
        }

        _invD = new double[_n];
        _f = new double[_n];
        _bInv = new double[_n];
        _aPlusFb = new double[_n];
        for (var i = _n - 1; i >= 0; i--)
        {
            _invD[i] = 1.0 / dBase[i];
            _f[i] = a[i] * _invD[i];
            _bInv[i] = _b[i] * _invD[i];
            _aPlusFb[i] = a[i] + _f[i] * _b[i];
            var p = _parent[i];
            if (p >= 0)
            {
                dBase[p] -= _f[i] * _b[i];
            }
        }

        _v = new double[_n * _lanes];
        _rhs = new double[_n * _lanes];
        _savRhs = new double[_n * _lanes];
        _imem = new double[SegmentCount * _lanes];

        var all = new List<SynapseDescription>();
        var lanes = new List<int>();
        _firstSynapseOfCell = new int[CellCount + 1];
        for (var c = 0; c < CellCount; c++)
        {
            _firstSynapseOfCell[c] = all.Count;
            foreach (var syn in synapsesPerCell[c])
            {
                if (!syn.IsCurrentBased)
                {
                    throw new InputException($"cell {c}", $"{syn.Kind} is conductance-based; a batch with a shared factorization takes only ExpSynI and AlphaISyn (use SingleCellKernel).");
                }

                if ((uint)syn.Segment >= (uint)SegmentCount || !(syn.TauMs > 0) || !double.IsFinite(syn.Weight))
                {
                    throw new InputException($"cell {c}", $"synapse at segment {syn.Segment} with tau {syn.TauMs} ms and weight {syn.Weight}: expected a segment in 0..{SegmentCount - 1}, tau > 0 and a finite weight.");
                }

                all.Add(syn);
                lanes.Add(c);
            }
        }

        _firstSynapseOfCell[CellCount] = all.Count;
        _syn = [.. all];
        // per cell: ExpSynI before AlphaISyn, then creation order (as SingleCellKernel / NEURON)
        int[] evaluationOrder = [.. Enumerable.Range(0, _syn.Length)
            .OrderBy(s => lanes[s]).ThenBy(s => _syn[s].Kind == SynapseKind.ExpSynI ? 0 : 1).ThenBy(s => s)];
        _evaluationPosition = new int[_syn.Length];
        _orderedSlot = new int[_syn.Length];
        _orderedMfact = new double[_syn.Length];
        _orderedWeight = new double[_syn.Length];
        for (var j = 0; j < evaluationOrder.Length; j++)
        {
            var synapse = _syn[evaluationOrder[j]];
            var node = _nodeOfSegment[synapse.Segment];
            _evaluationPosition[evaluationOrder[j]] = j;
            _orderedSlot[j] = node * _lanes + lanes[evaluationOrder[j]];
            _orderedMfact[j] = 1.0e2 / _area[node];
            _orderedWeight[j] = synapse.Weight;
        }

        _onsets = new CurrentBasedSynapseQueues(
            [.. evaluationOrder.Select(s => _syn[s].TauMs)], [.. evaluationOrder.Select(s => _syn[s].Kind == SynapseKind.AlphaISyn)], dtMs);
        Initialize();
    }

    /// <summary>Number of cells (lanes in use).</summary>
    public int CellCount { get; }

    /// <summary>Lanes allocated (cells padded to a multiple of the SIMD width); also the stride of the [segment × lane] arrays.</summary>
    public int LaneCount => _lanes;

    /// <summary>Segments per cell.</summary>
    public int SegmentCount { get; }

    /// <summary>Time step, ms.</summary>
    public double DtMs { get; }

    /// <summary>Current time, ms (two dt/2 per step, as NEURON).</summary>
    public double TimeMs { get; private set; }

    /// <summary>Membrane currents of every segment and lane, nA, index segment·<see cref="LaneCount"/> + cell.</summary>
    public ReadOnlySpan<double> MembraneCurrentsBySegmentAndLane => _imem;

    /// <summary>Copies one cell's membrane currents (nA, segment order) into <paramref name="destination"/>.</summary>
    public void CopyMembraneCurrents(int cell, Span<double> destination)
    {
        for (var s = 0; s < SegmentCount; s++)
        {
            destination[s] = _imem[s * _lanes + cell];
        }
    }

    /// <summary>Membrane potential of a cell's segment, mV.</summary>
    public double SegmentVoltageMv(int cell, int segment) => _v[_nodeOfSegment[segment] * _lanes + cell];

    /// <summary>Current (nA) of a cell's synapse from the last step's BREAKPOINT.</summary>
    public double SynapseCurrentNa(int cell, int synapse) => _onsets.CurrentNa(_evaluationPosition[_firstSynapseOfCell[cell] + synapse]);

    /// <summary>finitialize: v = v_init, no onsets, no pending events, t = 0.</summary>
    public void Initialize()
    {
        TimeMs = 0;
        Array.Fill(_v, _vInit);
        Array.Clear(_imem);
        _onsets.Clear();
        _events.Clear();
    }

    /// <summary>Queues an event for synapse <paramref name="synapse"/> of cell <paramref name="cell"/> at <paramref name="timeMs"/> (ms, ≥ 0).</summary>
    public void AddSpike(int cell, int synapse, double timeMs)
    {
        if ((uint)cell >= (uint)CellCount || (uint)synapse >= (uint)(_firstSynapseOfCell[cell + 1] - _firstSynapseOfCell[cell]))
        {
            throw new ArgumentOutOfRangeException(nameof(synapse), $"cell {cell} synapse {synapse} does not exist.");
        }

        if (!(timeMs >= 0) || double.IsInfinity(timeMs))
        {
            throw new InputException($"cell {cell} synapse {synapse}", $"spike time {timeMs} ms; expected a finite time ≥ 0 ms.");
        }

        _events.Push(timeMs, _evaluationPosition[_firstSynapseOfCell[cell] + synapse]);
    }

    /// <summary>One fixed step of every cell (order as <see cref="SingleCellKernel.Step"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        var dt = DtMs;
        Deliver(TimeMs + 0.5 * dt);
        TimeMs += 0.5 * dt;
        var t = TimeMs;
        var perNode = _lanes / Vector<double>.Count;

        // Element refs instead of span indexing: the index arithmetic below stays inside the [node × lane] arrays
        // by construction (node < n, k < perNode), and bounds checks were a large share of this loop's time.
        ref var v0 = ref MemoryMarshal.GetReference(AsVectors(_v));
        ref var r0 = ref MemoryMarshal.GetReference(AsVectors(_rhs));
        ref var s0 = ref MemoryMarshal.GetReference(AsVectors(_savRhs));
        var n = _n;

        // leak: rhs = −g·(v − e), mA/cm²
        var e = new Vector<double>(_ePas);
        for (var i = 0; i < n; i++)
        {
            var g = new Vector<double>(_gPas[i]);
            var o = i * perNode;
            for (var k = 0; k < perNode; k++)
            {
                Unsafe.Add(ref r0, o + k) = -(g * (Unsafe.Add(ref v0, o + k) - e));
            }
        }

        // synapse currents (nA) → rhs (mA/cm²), per cell in NEURON's evaluation order
        _onsets.Advance(t);
        // (slots were checked against the [node × lane] arrays when the batch was built)
        var current = _onsets.CurrentsNa;
        ref var rhs0 = ref MemoryMarshal.GetArrayDataReference(_rhs);
        ref var slot0 = ref MemoryMarshal.GetArrayDataReference(_orderedSlot);
        ref var mfact0 = ref MemoryMarshal.GetArrayDataReference(_orderedMfact);
        ref var current0 = ref MemoryMarshal.GetReference(current);
        for (var j = 0; j < current.Length; j++)
        {
            Unsafe.Add(ref rhs0, Unsafe.Add(ref slot0, j)) -= Unsafe.Add(ref current0, j) * Unsafe.Add(ref mfact0, j);
        }

        var total = n * perNode;
        for (var k = 0; k < total; k++)
        {
            Unsafe.Add(ref s0, k) = -Unsafe.Add(ref r0, k);
        }

        // elimination leaves to root, shared coefficients, all lanes at once
        for (var i = n - 1; i >= 0; i--)
        {
            var p = _parent[i];
            if (p < 0)
            {
                continue;
            }

            var b = new Vector<double>(_b[i]);
            var invD = new Vector<double>(_invD[i]);
            var afb = new Vector<double>(_aPlusFb[i]);
            var f = new Vector<double>(_f[i]);
            ref var vi = ref Unsafe.Add(ref v0, i * perNode);
            ref var vp = ref Unsafe.Add(ref v0, p * perNode);
            ref var ri = ref Unsafe.Add(ref r0, i * perNode);
            ref var rp = ref Unsafe.Add(ref r0, p * perNode);
            for (var k = 0; k < perNode; k++)
            {
                var dv = Unsafe.Add(ref vp, k) - Unsafe.Add(ref vi, k);
                var rik = Unsafe.Add(ref ri, k);
                Unsafe.Add(ref ri, k) = (rik - b * dv) * invD;
                Unsafe.Add(ref rp, k) = Unsafe.Add(ref rp, k) + afb * dv - f * rik;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var p = _parent[i];
            ref var vi = ref Unsafe.Add(ref v0, i * perNode);
            ref var ri = ref Unsafe.Add(ref r0, i * perNode);
            if (p < 0)
            {
                var invD = new Vector<double>(_invD[i]);
                for (var k = 0; k < perNode; k++)
                {
                    var r = Unsafe.Add(ref ri, k) * invD;
                    Unsafe.Add(ref ri, k) = r;
                    Unsafe.Add(ref vi, k) += r;
                }
            }
            else
            {
                var bInv = new Vector<double>(_bInv[i]);
                ref var rp = ref Unsafe.Add(ref r0, p * perNode);
                for (var k = 0; k < perNode; k++)
                {
                    var r = Unsafe.Add(ref ri, k) - bInv * Unsafe.Add(ref rp, k);
                    Unsafe.Add(ref ri, k) = r;
                    Unsafe.Add(ref vi, k) += r;
                }
            }
        }

        // i_membrane_ = (d·Δv + sav_rhs)·area/100, nA
        ref var m0 = ref MemoryMarshal.GetReference(AsVectors(_imem));
        var hundredth = new Vector<double>(0.01);
        for (var s = 0; s < SegmentCount; s++)
        {
            var node = _nodeOfSegment[s];
            var d = new Vector<double>(_dConst[node]);
            var scale = new Vector<double>(_area[node]);
            ref var mo = ref Unsafe.Add(ref m0, s * perNode);
            ref var rn = ref Unsafe.Add(ref r0, node * perNode);
            ref var sn = ref Unsafe.Add(ref s0, node * perNode);
            for (var k = 0; k < perNode; k++)
            {
                Unsafe.Add(ref mo, k) = (d * Unsafe.Add(ref rn, k) + Unsafe.Add(ref sn, k)) * scale * hundredth;
            }
        }

        TimeMs += 0.5 * dt;
        Deliver(TimeMs);
    }

    private static Span<Vector<double>> AsVectors(double[] a) =>
        MemoryMarshal.Cast<double, Vector<double>>(a.AsSpan());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deliver(double untilMs)
    {
        while (_events.TryPop(untilMs, out var te, out var s))
        {
            _onsets.Push(s, te, _orderedWeight[s]);
        }
    }
}

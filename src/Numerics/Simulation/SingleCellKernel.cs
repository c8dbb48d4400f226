using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HybridLfp.Streaming.Numerics.Discretization;

namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Fixed-step backward-Euler cable solver for one passive cell with point-process synapses, reproducing NEURON 8.2's
/// <c>fadvance</c> number for number (NEURON-numerics.md facts 6–13). One <see cref="Step"/>:
/// <list type="number">
/// <item>deliver queued events with te ≤ t + dt/2 (NetCon: the synapse sees its exact te);</item>
/// <item>t += dt/2; evaluate currents and conductances (numerical difference, Δv = 0.001 mV) at the old v and the
/// mid-step t; add capacitance 0.001·cm/dt; save d and rhs for i_membrane_;</item>
/// <item>add axial terms, Hines elimination, v += Δv, imem = (sav_d·Δv + sav_rhs)·area·0.01 (nA);</item>
/// <item>t += dt/2 (t is accumulated in half steps, fact 11); advance synapse states (cnexp);</item>
/// <item>deliver events with te ≤ t.</item>
/// </list>
/// Recording happens between <see cref="Step"/> calls (the last delivery does not change v, imem or isyn).
/// imem at t = 0 is the physical value 0 (uniform initial v, no axial current; fact 12), not NEURON's raw density.
/// Owns all its state; not thread-safe. <see cref="Step"/> does not allocate (event storage grows only when a new
/// maximum of pending events is reached).
/// </summary>
public sealed class SingleCellKernel
{
    private readonly CableNodeLayout _layout;
    private readonly int _n;
    private readonly int[] _order; // node j of this kernel is node _order[j] of the layout (identity in NeuronExact)
    private readonly int[] _parent; // −1 for roots
    private readonly int[] _parentOrSink; // n (the sink node, all coefficients 0) for roots
    private readonly double[] _a, _b, _area;
    private readonly double[] _gPas; // S/cm² per node (0 on end/root nodes)
    private readonly double _ePas;
    private readonly double[] _cfac; // 0.001/dt·cm per node (0 on end/root nodes)
    private readonly int[] _nodeOfSegment;
    private readonly double _vInit;

    private readonly double[] _v, _rhs; // n + 1 entries (the sink node last)
    private readonly double[] _d, _savD, _savRhs;
    private readonly double[] _rhsMembrane; // Factorized: −(leak + synapse currents), mA/cm²
    private readonly double[] _segmentArea; // area of each segment's node, µm²
    private readonly double[] _vLayoutOrder; // scratch for NodeVoltages
    private readonly double[] _imem;

    // synapses (structure of arrays), processed in NEURON's mechanism order
    private readonly SynapseDescription[] _syn;
    private readonly int[] _synOrder;
    private readonly int[] _synNode;
    private readonly double[] _synMfact; // 100/area, (nA → mA/cm²)
    private readonly double[] _synI; // nA, the BREAKPOINT i
    private readonly double[] _stateG, _stateA, _stateB; // µS
    private readonly double[] _factor; // Exp2Syn peak normalization
    private readonly double[] _tau1, _tau2;
    private readonly double[] _decay1, _decay2; // 1 − exp(dt·(−1/τ)) of ExpSyn (τ) / Exp2Syn (τ1, τ2)
    private readonly CurrentBasedSynapseQueues _onsets;

    private readonly CurrentClampDescription[] _clamps;
    private readonly int[] _clampNode;
    private readonly double[] _clampMfact;

    private readonly SpikeEventQueue _events = new();

    // Factorized mode: nodes whose subtree holds a conductance-based synapse are "dirty" (re-eliminated each step);
    // for the others the eliminated diagonal is constant: _invD = 1/d_elim is computed once.
    private readonly bool[] _dirty;
    private readonly double[] _invD;
    private readonly double[] _dClean; // dirty nodes: constant diagonal incl. eliminated clean children
    private readonly double[] _dWork; // dirty nodes: diagonal during this step's elimination
    private readonly double[] _dVar; // conductance-synapse diagonal of this step (×100/area)
    private int[] _dirtyNodes = [];

    /// <param name="morphology">discretized morphology (its cm and Ra are used).</param>
    /// <param name="passive">leak.</param>
    /// <param name="synapses">synapses; their index is the target of <see cref="AddSpike"/>.</param>
    /// <param name="clamps">current clamps (may be empty).</param>
    /// <param name="dtMs">time step, ms (&gt; 0).</param>
    /// <param name="vInitMv">initial membrane potential, mV.</param>
    /// <param name="mode">matrix handling (default <see cref="CableSolveMode.Factorized"/>).</param>
    public SingleCellKernel(
        DiscretizedMorphology morphology,
        PassiveMembrane passive,
        IReadOnlyList<SynapseDescription> synapses,
        IReadOnlyList<CurrentClampDescription> clamps,
        double dtMs,
        double vInitMv,
        CableSolveMode mode = CableSolveMode.Factorized)
    {
        ArgumentNullException.ThrowIfNull(morphology);
        ArgumentNullException.ThrowIfNull(passive);
        ArgumentNullException.ThrowIfNull(synapses);
        ArgumentNullException.ThrowIfNull(clamps);
        if (!(dtMs > 0) || double.IsInfinity(dtMs))
        {
            throw new InputException("dt", $"the time step must be a finite number > 0 ms, got {dtMs}.");
        }

        if (!double.IsFinite(vInitMv))
        {
            throw new InputException("v_init", $"must be finite, got {vInitMv}.");
        }

        DtMs = dtMs;
        _vInit = vInitMv;
        Mode = mode;
        _layout = new CableNodeLayout(morphology);
        _n = _layout.NodeCount;
        _order = mode == CableSolveMode.NeuronExact ? CableEliminationOrder.Identity(_n) : CableEliminationOrder.ByLevel(_layout.Parent);
        var newIndex = new int[_n];
        for (var j = 0; j < _n; j++)
        {
            newIndex[_order[j]] = j;
        }

        _parent = new int[_n];
        _parentOrSink = new int[_n];
        _a = new double[_n];
        _b = new double[_n];
        _area = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            var old = _order[j];
            var p = _layout.Parent[old];
            _parent[j] = p < 0 ? -1 : newIndex[p];
            _parentOrSink[j] = p < 0 ? _n : newIndex[p];
            if (_parent[j] >= j)
            {
                throw new InvalidOperationException($"node order: parent {_parent[j]} of node {j} is not before it.");
            }

            _a[j] = _layout.A[old];
            _b[j] = _layout.B[old];
            _area[j] = _layout.Area[old];
        }

        _nodeOfSegment = [.. _layout.NodeOfSegment.Select(k => newIndex[k])];
        SegmentCount = morphology.SegmentCount;

        _gPas = new double[_n];
        _cfac = new double[_n];
        var cfac = 0.001 * (1.0 / dtMs);
        foreach (var node in _nodeOfSegment)
        {
            _gPas[node] = passive.Inserted ? passive.GPasSPerCm2 : 0;
            _cfac[node] = cfac * morphology.CmUfPerCm2;
        }

        _ePas = passive.Inserted ? passive.EPasMv : 0;
        _v = new double[_n + 1];
        _rhs = new double[_n + 1];
        _d = new double[_n];
        _savD = new double[_n];
        _savRhs = new double[_n];
        _rhsMembrane = new double[_n];
        _vLayoutOrder = new double[_n];
        _segmentArea = [.. _nodeOfSegment.Select(k => _area[k])];
        _imem = new double[SegmentCount];

        var ns = synapses.Count;
        _syn = [.. synapses];
        _synNode = new int[ns];
        _synMfact = new double[ns];
        _synI = new double[ns];
        _stateG = new double[ns];
        _stateA = new double[ns];
        _stateB = new double[ns];
        _factor = new double[ns];
        _tau1 = new double[ns];
        _tau2 = new double[ns];
        _decay1 = new double[ns];
        _decay2 = new double[ns];
        _onsets = new CurrentBasedSynapseQueues(
            _syn.Select(x => x.TauMs).ToArray(), _syn.Select(x => x.Kind == SynapseKind.AlphaISyn).ToArray(), dtMs);
        for (var s = 0; s < ns; s++)
        {
            var syn = _syn[s];
            CheckSegment(syn.Segment, $"synapse {s}");
            ValidateSynapse(s, syn);
            _synNode[s] = _nodeOfSegment[syn.Segment];
            _synMfact[s] = 1.0e2 / _area[_synNode[s]];
        }

        // NEURON evaluates mechanisms by type (built-in ExpSyn, Exp2Syn before the loaded ExpSynI, AlphaISyn),
        // instances in creation order; keep that order for identical round-off at shared nodes.
        _synOrder = Enumerable.Range(0, ns).OrderBy(s => KindRank(_syn[s].Kind)).ThenBy(s => s).ToArray();

        _clamps = [.. clamps];
        _clampNode = new int[_clamps.Length];
        _clampMfact = new double[_clamps.Length];
        for (var c = 0; c < _clamps.Length; c++)
        {
            CheckSegment(_clamps[c].Segment, $"IClamp {c}");
            _clampNode[c] = _nodeOfSegment[_clamps[c].Segment];
            _clampMfact[c] = 1.0e2 / _area[_clampNode[c]];
        }

        _dirty = new bool[_n];
        _invD = new double[_n];
        _dClean = new double[_n];
        _dWork = new double[_n + 1];
        _dVar = new double[_n];
        PrepareFactorization();
        Initialize();
    }

    /// <summary>Matrix handling of this kernel.</summary>
    public CableSolveMode Mode { get; }

    /// <summary>Time step, ms.</summary>
    public double DtMs { get; }

    /// <summary>Current time, ms (accumulated as NEURON does: two dt/2 per step).</summary>
    public double TimeMs { get; private set; }

    /// <summary>Number of segments.</summary>
    public int SegmentCount { get; }

    /// <summary>Number of synapses.</summary>
    public int SynapseCount => _syn.Length;

    /// <summary>Transmembrane current per segment (NEURON's i_membrane_), nA, of the last step (0 after initialization).</summary>
    public ReadOnlySpan<double> MembraneCurrentsNa => _imem;

    /// <summary>Synapse currents i (nA, NEURON sign: negative = inward) from the last step's BREAKPOINT.</summary>
    public ReadOnlySpan<double> SynapseCurrentsNa => _synI;

    /// <summary>Membrane potential at a segment centre, mV.</summary>
    public double SegmentVoltageMv(int segment) => _v[_nodeOfSegment[segment]];

    /// <summary>Copies the membrane potential of every segment (mV) into <paramref name="destination"/>.</summary>
    public void CopySegmentVoltages(Span<double> destination)
    {
        for (var i = 0; i < _nodeOfSegment.Length; i++)
        {
            destination[i] = _v[_nodeOfSegment[i]];
        }
    }

    /// <summary>NEURON's finitialize(v_init) at t = 0: v = v_init everywhere, synapse states 0, no pending events.</summary>
    public void Initialize()
    {
        TimeMs = 0;
        Array.Fill(_v, _vInit);
        Array.Clear(_imem);
        Array.Clear(_synI);
        Array.Clear(_stateG);
        Array.Clear(_stateA);
        Array.Clear(_stateB);
        _onsets.Clear();
        _events.Clear();
        for (var s = 0; s < _syn.Length; s++)
        {
            if (_syn[s].Kind == SynapseKind.Exp2Syn)
            {
                // Exp2Syn INITIAL: clamp tau1/tau2 into [1e-9, 0.9999] and normalize the peak to the weight.
                var tau1 = _syn[s].Tau1Ms;
                var tau2 = _syn[s].Tau2Ms;
                if (tau1 / tau2 > 0.9999)
                {
                    tau1 = 0.9999 * tau2;
                }

                if (tau1 / tau2 < 1e-9)
                {
                    tau1 = tau2 * 1e-9;
                }

                var tp = tau1 * tau2 / (tau2 - tau1) * Math.Log(tau2 / tau1);
                var factor = -Math.Exp(-tp / tau1) + Math.Exp(-tp / tau2);
                _factor[s] = 1 / factor;
                _tau1[s] = tau1;
                _tau2[s] = tau2;
                _decay1[s] = 1.0 - Math.Exp(DtMs * (-1.0 / tau1));
                _decay2[s] = 1.0 - Math.Exp(DtMs * (-1.0 / tau2));
            }
            else if (_syn[s].Kind == SynapseKind.ExpSyn)
            {
                _decay1[s] = 1.0 - Math.Exp(DtMs * (-1.0 / _syn[s].TauMs));
            }
        }
    }

    /// <summary>
    /// Queues a presynaptic event for synapse <paramref name="synapse"/> at <paramref name="timeMs"/> (ms; NetCon.event
    /// with no delay). Times must be ≥ 0; events earlier than the current time are delivered at the next step.
    /// </summary>
    public void AddSpike(int synapse, double timeMs)
    {
        if ((uint)synapse >= (uint)_syn.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(synapse), $"synapse {synapse} does not exist ({_syn.Length} synapses).");
        }

        if (!(timeMs >= 0) || double.IsInfinity(timeMs))
        {
            throw new InputException($"synapse {synapse}", $"spike time {timeMs} ms; expected a finite time ≥ 0 ms.");
        }

        _events.Push(timeMs, synapse);
    }

    /// <summary>The node structure (tests compare the Hines solve with a dense one).</summary>
    internal CableNodeLayout Layout => _layout;

    /// <summary>Membrane potential of every node (centre, end and root nodes) in the layout's order, mV.</summary>
    internal ReadOnlySpan<double> NodeVoltages
    {
        get
        {
            for (var j = 0; j < _n; j++)
            {
                _vLayoutOrder[_order[j]] = _v[j];
            }

            return _vLayoutOrder;
        }
    }

    /// <summary>Number of queued (undelivered) events.</summary>
    public int PendingEventCount => _events.Count;

    /// <summary>Advances one time step (see the type's summary for the exact order).</summary>
    public void Step()
    {
        if (Mode == CableSolveMode.Factorized)
        {
            StepFactorized();
        }
        else
        {
            StepExact();
        }
    }

    // First half step, as NEURON's fixed step: events due by t + dt/2 are delivered, then t advances to the midpoint
    // (ms), where currents are evaluated.
    private double BeginStep()
    {
        Deliver(TimeMs + 0.5 * DtMs);
        TimeMs += 0.5 * DtMs;
        return TimeMs;
    }

    // Second half step: t advances to the end of the step, the synapse states are integrated, due events delivered.
    private void FinishStep()
    {
        TimeMs += 0.5 * DtMs;
        AdvanceSynapseStates();
        Deliver(TimeMs);
    }

    private void StepExact()
    {
        var t = BeginStep();

        var v = _v;
        var rhs = _rhs;
        var d = _d;
        var n = _n;

        // leak at every node (zero conductance on end/root nodes), numerical conductance as NMODL's nrn_cur
        var gPas = _gPas;
        var ePas = _ePas;
        for (var i = 0; i < n; i++)
        {
            var vi = v[i];
            var g = gPas[i];
            var i1 = g * (vi + 0.001 - ePas);
            var i0 = g * (vi - ePas);
            rhs[i] = -i0;
            d[i] = (i1 - i0) / 0.001;
        }

        EvaluateSynapses(t, _rhs, [], _d);

        // save the membrane part for i_membrane_, then capacitance (sav_d includes it), then electrodes
        var savD = _savD;
        var savRhs = _savRhs;
        var cfac = _cfac;
        for (var i = 0; i < n; i++)
        {
            savRhs[i] = -rhs[i];
            var di = d[i] + cfac[i];
            d[i] = di;
            savD[i] = di;
        }

        AddClampCurrents(t, rhs);

        // axial terms and Hines elimination, leaves to root in one sweep (children have larger indices)
        var parent = _parent;
        var a = _a;
        var b = _b;
        for (var i = n - 1; i >= 0; i--)
        {
            var p = parent[i];
            if (p < 0)
            {
                continue;
            }

            var dv = v[p] - v[i];
            var ri = rhs[i] - b[i] * dv;
            var di = d[i] - b[i];
            rhs[p] += a[i] * dv;
            d[p] -= a[i];
            var f = a[i] / di;
            d[p] -= f * b[i];
            rhs[p] -= f * ri;
            rhs[i] = ri;
            d[i] = di;
        }

        // back substitution (parents first), v += Δv
        for (var i = 0; i < n; i++)
        {
            var p = parent[i];
            var r = p < 0 ? rhs[i] : rhs[i] - b[i] * rhs[p];
            r /= d[i];
            rhs[i] = r;
            v[i] += r;
        }

        var nodes = _nodeOfSegment;
        var area = _area;
        var imem = _imem;
        for (var s = 0; s < imem.Length; s++)
        {
            var k = nodes[s];
            imem[s] = (savD[k] * rhs[k] + savRhs[k]) * area[k] * 0.01;
        }

        FinishStep();
    }

    // Factorized step, in the order of CableEliminationOrder.ByLevel (node j's parent is _parentOrSink[j] < j; roots
    // point at the sink node n, whose coefficients are 0). The arithmetic of every node is NEURON's (no contraction
    // into FMA, children summed into their parent in NEURON's order), so the results equal a sweep in NEURON's node
    // order bit for bit for clean nodes (CellBatchKernel relies on this; dirty nodes differ by one reassociation,
    // A·B/d instead of (A/d)·B); only the order of independent operations differs. The sweeps have no branches
    // except the dirty test in the elimination.
    private void StepFactorized()
    {
        var t = BeginStep();
        var n = _n;
        var rhs = _rhs;
        var rhsMembrane = _rhsMembrane;

        // leak current at the old v (rhs = −i, mA/cm²); its conductance is part of the constant matrix. rhs and
        // rhsMembrane (kept for i_membrane_, as NEURON's sav_rhs) receive the same operations.
        var v = _v;
        var gPas = _gPas;
        var ePas = _ePas;
        var i0 = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var w = Vector<double>.Count;
            var e = new Vector<double>(ePas);
            for (; i0 <= n - w; i0 += w)
            {
                var leak = -(new Vector<double>(gPas, i0) * (new Vector<double>(v, i0) - e));
                leak.CopyTo(rhs, i0);
                leak.CopyTo(rhsMembrane, i0);
            }
        }

        for (var i = i0; i < n; i++)
        {
            var leak = -(gPas[i] * (v[i] - ePas));
            rhs[i] = leak;
            rhsMembrane[i] = leak;
        }

        var dVar = _dVar;
        var dMembrane = _dMembrane;
        var dConst = _dConstMembrane;
        var conductanceNodes = _conductanceSynapseNodes;
        foreach (var k in conductanceNodes)
        {
            dVar[k] = 0;
        }

        EvaluateSynapses(t, rhs, rhsMembrane, dVar);
        AddClampCurrents(t, rhs);
        foreach (var k in conductanceNodes)
        {
            dMembrane[k] = dConst[k] + dVar[k]; // elsewhere dMembrane = dConst (+ 0) throughout
        }

        // Nodes above a conductance synapse: eliminate their diagonal afresh (d ← d − (A/d_child)·B per dirty child;
        // clean children are already folded into _dClean). Leaves to root = descending index.
        var dirtyNodes = _dirtyNodes;
        var dWork = _dWork;
        var dClean = _dClean;
        foreach (var k in dirtyNodes)
        {
            dWork[k] = dClean[k] + dVar[k];
        }

        var parentOrSink = _parentOrSink;
        var invD = _invD;

        // Axial currents and elimination, leaves to root, with the node's own axial term folded in. Dirty nodes first
        // finish their diagonal: 1/d, then d_parent −= A·B/d (one multiplication after the division, A·B
        // precomputed). Their chain d → 1/d → d_parent runs along the tree's height; done inside this loop, its
        // latency hides behind the independent work of the other nodes (a separate pass was latency-bound).
        // rhs_p ← rhs_p + (A + f·B)·Δv_axial − f·rhs, f = A/d; rhs ← (rhs − B·Δv_axial)/d for the back substitution.
        // f and A + f·B are recomputed from 1/d (same formulas, hence same bits, as precomputing them): fewer
        // arrays to load here and nothing but 1/d to store for dirty nodes.
        // Consecutive nodes are independent, so the CPU overlaps the multiply-subtract chains of many sections.
        // Bounds checks are hoisted: the per-node arrays have n entries (v, rhs n + 1), and _parentOrSink[j] ≤ n.
        ref var vRef = ref MemoryMarshal.GetArrayDataReference(v);
        ref var rhsRef = ref MemoryMarshal.GetArrayDataReference(rhs);
        ref var parentRef = ref MemoryMarshal.GetArrayDataReference(parentOrSink);
        ref var aRef = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var bRef = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var invRef = ref MemoryMarshal.GetArrayDataReference(invD);
        ref var dirtyRef = ref MemoryMarshal.GetArrayDataReference(_dirty);
        ref var dWorkRef = ref MemoryMarshal.GetArrayDataReference(dWork);
        ref var abRef = ref MemoryMarshal.GetArrayDataReference(_aTimesB);
        for (var j = n - 1; j >= 0; j--)
        {
            var p = Unsafe.Add(ref parentRef, j);
            double inv;
            if (Unsafe.Add(ref dirtyRef, j))
            {
                inv = 1.0 / Unsafe.Add(ref dWorkRef, j);
                Unsafe.Add(ref invRef, j) = inv;
                Unsafe.Add(ref dWorkRef, p) -= Unsafe.Add(ref abRef, j) * inv;
            }
            else
            {
                inv = Unsafe.Add(ref invRef, j);
            }

            ref var rhsJ = ref Unsafe.Add(ref rhsRef, j);
            ref var rhsP = ref Unsafe.Add(ref rhsRef, p);
            var rj = rhsJ;
            var aj = Unsafe.Add(ref aRef, j);
            var bj = Unsafe.Add(ref bRef, j);
            var fj = aj * inv;
            var dv = Unsafe.Add(ref vRef, p) - Unsafe.Add(ref vRef, j);
            rhsJ = (rj - bj * dv) * inv;
            rhsP = rhsP + (aj + fj * bj) * dv - fj * rj;
        }

        // back substitution, root to leaves: Δv = rhs/d − (B/d)·Δv_parent (Δv of the sink = 0, B of roots = 0); v += Δv
        Unsafe.Add(ref rhsRef, n) = 0;
        for (var j = 0; j < n; j++)
        {
            ref var rhsJ = ref Unsafe.Add(ref rhsRef, j);
            var bInv = Unsafe.Add(ref bRef, j) * Unsafe.Add(ref invRef, j);
            var r = rhsJ - bInv * Unsafe.Add(ref rhsRef, Unsafe.Add(ref parentRef, j));
            rhsJ = r;
            Unsafe.Add(ref vRef, j) += r;
        }

        // imem = (d_membrane·Δv + sav_rhs)·area·0.01 (mA/cm² · µm² → nA) per segment, sav_rhs = −rhsMembrane
        ref var dMembraneRef = ref MemoryMarshal.GetArrayDataReference(dMembrane);
        ref var rMemRef = ref MemoryMarshal.GetArrayDataReference(rhsMembrane);
        ref var segNodeRef = ref MemoryMarshal.GetArrayDataReference(_nodeOfSegment);
        ref var segAreaRef = ref MemoryMarshal.GetArrayDataReference(_segmentArea);
        var imem = _imem;
        for (var s = 0; s < imem.Length; s++)
        {
            var k = Unsafe.Add(ref segNodeRef, s);
            imem[s] = (Unsafe.Add(ref dMembraneRef, k) * Unsafe.Add(ref rhsRef, k) - Unsafe.Add(ref rMemRef, k)) * Unsafe.Add(ref segAreaRef, s) * 0.01;
        }

        FinishStep();
    }

    // Constant part of the factorization (Factorized mode): membrane diagonal g_pas + 0.001·cm/dt, axial diagonal
    // −B − ΣA(children), eliminated leaves to root for every node whose subtree has no conductance synapse.
    private double[] _dConstMembrane = [];
    private double[] _dMembrane = []; // dConst + dVar: membrane diagonal of this step (sav_d), mA/cm²/mV
    private double[] _aTimesB = []; // A·B per node (dirty elimination)
    private int[] _conductanceSynapseNodes = []; // distinct nodes with a conductance-based synapse

    private void PrepareFactorization()
    {
        var n = _n;
        _dConstMembrane = new double[n];
        var dBase = new double[n];
        for (var i = 0; i < n; i++)
        {
            _dConstMembrane[i] = _gPas[i] + _cfac[i];
            dBase[i] = _dConstMembrane[i];
        }

        for (var i = 0; i < n; i++)
        {
            var p = _parent[i];
            if (p >= 0)
            {
                dBase[i] -= _b[i];
                dBase[p] -= _a[i];
            }
        }

        for (var s = 0; s < _syn.Length; s++)
        {
            if (!_syn[s].IsCurrentBased)
            {
                for (var k = _synNode[s]; k >= 0 && !_dirty[k]; k = _parent[k])
                {
                    _dirty[k] = true;
                }
            }
        }

        var dirtyNodes = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (_dirty[i])
            {
                dirtyNodes.Add(i);
            }
        }

        _dirtyNodes = [.. dirtyNodes];
        _dMembrane = [.. _dConstMembrane];
        _aTimesB = new double[n];
        for (var i = 0; i < n; i++)
        {
            _aTimesB[i] = _a[i] * _b[i];
        }

        _conductanceSynapseNodes = [.. Enumerable.Range(0, _syn.Length).Where(s => !_syn[s].IsCurrentBased).Select(s => _synNode[s]).Distinct().Order()];
        for (var i = n - 1; i >= 0; i--)
        {
            // dBase[i] now holds the diagonal with all clean children eliminated
            var p = _parent[i];
            if (_dirty[i])
            {
                _dClean[i] = dBase[i];
            }
            else
            {
                _invD[i] = 1.0 / dBase[i];
                if (p >= 0)
                {
                    dBase[p] -= _a[i] * _invD[i] * _b[i];
                }
            }
        }
    }

    /// <summary>Number of nodes re-eliminated every step in <see cref="CableSolveMode.Factorized"/> mode.</summary>
    public int DirtyNodeCount => _dirtyNodes.Length;

    // Adds the synapse currents to rhs (and to rhsMembrane unless empty) and their conductances (dI/dv) to dTarget:
    // the diagonal itself, or the per-step variable part of it in factorized mode.
    private void EvaluateSynapses(double t, Span<double> rhs, Span<double> rhsMembrane, Span<double> dTarget)
    {
        var v = _v;
        _onsets.Advance(t);
        var withMembrane = !rhsMembrane.IsEmpty;
        foreach (var s in _synOrder)
        {
            var node = _synNode[s];
            var syn = _syn[s];
            double i, g;
            switch (syn.Kind)
            {
                case SynapseKind.ExpSyn:
                case SynapseKind.Exp2Syn:
                {
                    var gs = syn.Kind == SynapseKind.ExpSyn ? _stateG[s] : _stateB[s] - _stateA[s];
                    var vi = v[node];
                    var e = syn.ReversalMv;
                    var i1 = gs * (vi + 0.001 - e);
                    i = gs * (vi - e);
                    g = (i1 - i) / 0.001;
                    break;
                }

                default:
                    i = _onsets.CurrentNa(s);
                    g = 0; // i does not depend on v: (i(v+0.001) − i(v))/0.001 is exactly 0
                    break;
            }

            _synI[s] = i;
            var mf = _synMfact[s];
            rhs[node] -= i * mf;
            if (withMembrane)
            {
                rhsMembrane[node] -= i * mf;
            }

            dTarget[node] += g * mf;
        }
    }

    // Current clamps (IClamp: amp nA during [delay, delay + dur) ms) injected into rhs, scaled to mA/cm² by mfact.
    private void AddClampCurrents(double t, double[] rhs)
    {
        for (var c = 0; c < _clamps.Length; c++)
        {
            var cl = _clamps[c];
            var amp = t < cl.DelayMs + cl.DurationMs && t >= cl.DelayMs ? cl.AmplitudeNa : 0.0;
            rhs[_clampNode[c]] += amp * _clampMfact[c];
        }
    }

    // cnexp update of the conductance states: x += (1 − exp(dt·(−1/τ)))·(−x); the factor is the same every step,
    // so it is computed once (bit-identical to evaluating it each step).
    private void AdvanceSynapseStates()
    {
        var decay = _decay1;
        var decay2 = _decay2;
        for (var s = 0; s < _syn.Length; s++)
        {
            var kind = _syn[s].Kind;
            if (kind == SynapseKind.ExpSyn)
            {
                var g = _stateG[s];
                _stateG[s] = g + decay[s] * (-g);
            }
            else if (kind == SynapseKind.Exp2Syn)
            {
                var a = _stateA[s];
                var b = _stateB[s];
                _stateA[s] = a + decay[s] * (-a);
                _stateB[s] = b + decay2[s] * (-b);
            }
        }
    }

    private void Deliver(double untilMs)
    {
        while (_events.TryPop(untilMs, out var te, out var s))
        {
            var syn = _syn[s];
            switch (syn.Kind)
            {
                case SynapseKind.ExpSyn:
                    _stateG[s] += syn.Weight;
                    break;
                case SynapseKind.Exp2Syn:
                    _stateA[s] += syn.Weight * _factor[s];
                    _stateB[s] += syn.Weight * _factor[s];
                    break;
                default:
                    _onsets.Push(s, te, syn.Weight);
                    break;
            }
        }
    }

    private void CheckSegment(int segment, string what)
    {
        if ((uint)segment >= (uint)SegmentCount)
        {
            throw new InputException(what, $"segment index {segment} is outside 0..{SegmentCount - 1}.");
        }
    }

    private static void ValidateSynapse(int s, SynapseDescription syn)
    {
        var name = $"synapse {s} ({syn.Kind})";
        if (!double.IsFinite(syn.Weight))
        {
            throw new InputException(name, $"weight must be finite, got {syn.Weight}.");
        }

        if (syn.Kind == SynapseKind.Exp2Syn)
        {
            if (!(syn.Tau1Ms > 0) || !(syn.Tau2Ms > 0))
            {
                throw new InputException(name, $"tau1 and tau2 must be > 0 ms, got {syn.Tau1Ms} and {syn.Tau2Ms}.");
            }
        }
        else if (!(syn.TauMs > 0))
        {
            throw new InputException(name, $"tau must be > 0 ms, got {syn.TauMs}.");
        }
    }

    private static int KindRank(SynapseKind kind) => kind switch
    {
        SynapseKind.ExpSyn => 0,
        SynapseKind.Exp2Syn => 1,
        SynapseKind.ExpSynI => 2,
        _ => 3,
    };
}

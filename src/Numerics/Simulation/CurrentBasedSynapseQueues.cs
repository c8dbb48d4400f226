using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// Currents of current-based synapses (ExpSynI, AlphaISyn). Their NMODL keeps the event onsets t₀ with weights w
/// and evaluates, at every BREAKPOINT time t, i = −Σ w·k(x), x = (t − t₀)/τ, with k(x) = e^{−x} (ExpSynI) or
/// x·e^{1−x} (AlphaISyn), k = 0 for x &lt; 0, dropping an onset once x &gt; 20.
/// <para>
/// Instead of summing over the live onsets at every step (one exp per onset and step), the sum is kept as two
/// linear filter states per synapse, A = Σ w·e^{−x} and B = Σ w·x·e^{−x} (nA), which advance exactly by the
/// exponential integrator A ← A·E, B ← (B + h·A)·E with h = Δt/τ, E = e^{−h} (both identities hold for every x), so
/// i = −A (ExpSynI) or i = −e·B (AlphaISyn). An onset enters the states at its delivery (t₀ ≤ the next evaluation
/// time, so k never needs the x &lt; 0 branch) and leaves them at the evaluation where x first exceeds 20, exactly as
/// the NMODL drops it; when a synapse has no onset left its states are reset to exactly 0. The onsets themselves are
/// kept only for that removal (a ring buffer per synapse, grown by doubling only when more onsets are alive than ever
/// before: steady-state steps do not allocate). Per evaluation: one multiply-add per state and synapse, vectorized;
/// one exp per onset at delivery and one at removal. Differs from the onset sum by rounding only (relative ~1e-13).
/// </para>
/// Owned by one kernel; not thread-safe.
/// </summary>
internal sealed class CurrentBasedSynapseQueues
{
    private const double CutoffX = 20;

    // Fraction of dt within which a time advance counts as exactly one step (t accumulates rounding as dt/2 halves).
    private const double StepTolerance = 1e-9;

    private readonly int _count;
    private readonly int _padded; // multiple of Vector<double>.Count
    private readonly double _dtMs;
    private readonly double[] _tauMs;
    private readonly double[] _stepDecay; // E = e^{−dt/τ}
    private readonly double[] _stepH; // h = dt/τ
    private readonly double[] _coefA; // 1 for ExpSynI, 0 otherwise
    private readonly double[] _coefB; // e for AlphaISyn, 0 otherwise
    private readonly double[] _a, _b; // filter states at _stateTimeMs, nA
    private readonly double[] _current; // i at _stateTimeMs, nA
    private readonly double[] _expiryCandidateMs; // slightly before the oldest live onset may expire; +∞ with none
    private readonly SpikeEventQueue _expiries; // min-heap, one entry per synapse with live onsets, keyed by its candidate
    private readonly int[] _visited; // synapses visited by the current Expire
    private readonly int[] _live; // live onsets per synapse
    private readonly int[] _head;
    private readonly double[][] _onset; // ring per synapse, ms
    private readonly double[][] _weight; // ring per synapse, nA
    private double _stateTimeMs;

    /// <param name="tauMs">τ of each synapse, ms (ignored for synapses that never receive onsets).</param>
    /// <param name="isAlpha">true for AlphaISyn, false for ExpSynI, per synapse.</param>
    /// <param name="dtMs">time step, ms: the usual distance between evaluations.</param>
    public CurrentBasedSynapseQueues(ReadOnlySpan<double> tauMs, ReadOnlySpan<bool> isAlpha, double dtMs)
    {
        if (tauMs.Length != isAlpha.Length)
        {
            throw new ArgumentException($"{tauMs.Length} time constants but {isAlpha.Length} kinds");
        }

        _count = tauMs.Length;
        var w = Vector<double>.Count;
        _padded = (_count + w - 1) / w * w;
        _dtMs = dtMs;
        _tauMs = new double[_count];
        _stepDecay = new double[_padded];
        _stepH = new double[_padded];
        _coefA = new double[_padded];
        _coefB = new double[_padded];
        _a = new double[_padded];
        _b = new double[_padded];
        _current = new double[_padded];
        _expiryCandidateMs = new double[_count];
        Array.Fill(_expiryCandidateMs, double.PositiveInfinity);
        _expiries = new SpikeEventQueue(_count); // never more entries than synapses: no growth while stepping
        _visited = new int[_count];
        _live = new int[_count];
        _head = new int[_count];
        _onset = new double[_count][];
        _weight = new double[_count][];
        for (var s = 0; s < _count; s++)
        {
            var tau = tauMs[s] > 0 ? tauMs[s] : 1.0; // a synapse without τ never receives onsets
            _tauMs[s] = tau;
            _stepH[s] = dtMs / tau;
            _stepDecay[s] = Math.Exp(-_stepH[s]);
            _coefA[s] = isAlpha[s] ? 0.0 : 1.0;
            _coefB[s] = isAlpha[s] ? Math.E : 0.0;
            _onset[s] = new double[16];
            _weight[s] = new double[16];
        }
    }

    /// <summary>finitialize: no onsets, states 0, state time 0 ms.</summary>
    public void Clear()
    {
        Array.Clear(_a);
        Array.Clear(_b);
        Array.Clear(_current);
        Array.Clear(_live);
        Array.Clear(_head);
        Array.Fill(_expiryCandidateMs, double.PositiveInfinity);
        _expiries.Clear();
        _stateTimeMs = 0;
    }

    /// <summary>
    /// NET_RECEIVE: an onset at <paramref name="te"/> (ms, at most one step after the last <see cref="Advance"/>
    /// time, as NEURON delivers events before the next BREAKPOINT) with weight <paramref name="w"/> (nA).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Push(int s, double te, double w)
    {
        var onset = _onset[s];
        var cap = onset.Length;
        if (_live[s] == cap)
        {
            Grow(s);
            onset = _onset[s];
            cap = onset.Length;
        }

        var slot = (_head[s] + _live[s]) & (cap - 1);
        onset[slot] = te;
        _weight[s][slot] = w;
        if (_live[s]++ == 0)
        {
            _expiryCandidateMs[s] = ExpiryCandidate(te, _tauMs[s]);
            _expiries.Push(_expiryCandidateMs[s], s);
        }

        // contribution at the state time: x₀ = (t_state − t₀)/τ (≤ 0 up to one step); advancing by h gives x₀ + h
        var x0 = (_stateTimeMs - te) / _tauMs[s];
        var ex = Math.Exp(-x0);
        _a[s] += w * ex;
        _b[s] += w * x0 * ex;
    }

    /// <summary>
    /// BREAKPOINT at <paramref name="t"/> (ms, not before the previous call): advances every synapse's states to
    /// <paramref name="t"/>, drops the onsets that expired, and computes every current (read with <see cref="CurrentNa"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(double t)
    {
        var delta = t - _stateTimeMs;
        if (delta != 0)
        {
            if (Math.Abs(delta - _dtMs) <= StepTolerance * _dtMs)
            {
                Propagate(_stepDecay, _stepH);
            }
            else
            {
                PropagateBy(delta);
            }

            _stateTimeMs = t;
        }

        Expire(t);
        Currents();
    }

    /// <summary>Current i (nA) of synapse <paramref name="s"/> at the last <see cref="Advance"/> time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double CurrentNa(int s) => _current[s];

    /// <summary>All currents (nA), padded with zeros to a multiple of the SIMD width.</summary>
    public ReadOnlySpan<double> CurrentsNa => _current.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Propagate(double[] decay, double[] h)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(_a.AsSpan());
        var vb = MemoryMarshal.Cast<double, Vector<double>>(_b.AsSpan());
        var ve = MemoryMarshal.Cast<double, Vector<double>>(decay.AsSpan());
        var vh = MemoryMarshal.Cast<double, Vector<double>>(h.AsSpan());
        for (var k = 0; k < va.Length; k++)
        {
            var a = va[k];
            var e = ve[k];
            vb[k] = (vb[k] + (vh[k] * a)) * e;
            va[k] = a * e;
        }
    }

    // An uneven advance (not one dt): exact factors computed for this Δt only; rare (tests, the first step).
    private void PropagateBy(double deltaMs)
    {
        for (var s = 0; s < _count; s++)
        {
            var h = deltaMs / _tauMs[s];
            var e = Math.Exp(-h);
            _b[s] = (_b[s] + (h * _a[s])) * e;
            _a[s] *= e;
        }
    }

    // Visits, once each, the synapses whose candidate lies before t (the heap holds one entry per synapse with onsets);
    // the exact NMODL test (t − t₀)/τ > 20 is in ExpireSynapse. A synapse whose next candidate is still before t (its
    // oldest onset within rounding of the cutoff) goes back only after this visit, so it is looked at again next step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Expire(double t)
    {
        var visited = 0;
        while (_expiries.NextTimeMs < t && _expiries.TryPop(t, out _, out var s))
        {
            ExpireSynapse(s, t);
            _visited[visited++] = s;
        }

        for (var k = 0; k < visited; k++)
        {
            var s = _visited[k];
            if (_live[s] > 0)
            {
                _expiries.Push(_expiryCandidateMs[s], s);
            }
        }
    }

    // Below t₀ + 20τ by far more than rounding, so no time that passes the exact test is missed.
    private static double ExpiryCandidate(double onsetMs, double tauMs) => onsetMs + ((CutoffX - 1e-6) * tauMs);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExpireSynapse(int s, double t)
    {
        var onset = _onset[s];
        var weight = _weight[s];
        var mask = onset.Length - 1;
        var head = _head[s];
        var live = _live[s];
        while (live > 0)
        {
            var x = (t - onset[head]) / _tauMs[s];
            if (!(x > CutoffX))
            {
                break;
            }

            var ex = Math.Exp(-x);
            _a[s] -= weight[head] * ex;
            _b[s] -= weight[head] * x * ex;
            head = (head + 1) & mask;
            live--;
        }

        _head[s] = head;
        _live[s] = live;
        if (live == 0)
        {
            _a[s] = 0; // exactly what the onset sum gives with nothing left, without rounding residue
            _b[s] = 0;
            _expiryCandidateMs[s] = double.PositiveInfinity;
        }
        else
        {
            _expiryCandidateMs[s] = ExpiryCandidate(onset[head], _tauMs[s]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Currents()
    {
        var vi = MemoryMarshal.Cast<double, Vector<double>>(_current.AsSpan());
        var va = MemoryMarshal.Cast<double, Vector<double>>(_a.AsSpan());
        var vb = MemoryMarshal.Cast<double, Vector<double>>(_b.AsSpan());
        var ca = MemoryMarshal.Cast<double, Vector<double>>(_coefA.AsSpan());
        var cb = MemoryMarshal.Cast<double, Vector<double>>(_coefB.AsSpan());
        for (var k = 0; k < vi.Length; k++)
        {
            // 0 − (…): +0 with no onsets, as the onset sum that starts at 0
            vi[k] = Vector<double>.Zero - ((ca[k] * va[k]) + (cb[k] * vb[k]));
        }
    }

    private void Grow(int s)
    {
        var cap = _onset[s].Length;
        var onset = new double[cap * 2];
        var weight = new double[cap * 2];
        for (var k = 0; k < cap; k++)
        {
            onset[k] = _onset[s][(_head[s] + k) & (cap - 1)];
            weight[k] = _weight[s][(_head[s] + k) & (cap - 1)];
        }

        _onset[s] = onset;
        _weight[s] = weight;
        _head[s] = 0;
    }
}

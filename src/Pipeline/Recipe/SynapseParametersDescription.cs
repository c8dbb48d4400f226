using System.Collections.Immutable;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Synapses of a postsynaptic population y from one network population X (hybridLFPy <c>synParams</c>,
/// <c>tau_yX</c>, <c>J_yX</c>, <c>synDelayLoc</c>, <c>synDelayScale</c>).
/// </summary>
public sealed record SynapseParametersDescription
{
    /// <summary>Section name patterns: a segment is eligible if its section name contains any (substring, as hybridLFPy).</summary>
    public required ImmutableArray<string> SectionPatterns { get; init; }

    public required SynapseType Type { get; init; }

    /// <summary>Time constant (ExpSynI, AlphaISyn, ExpSyn), ms.</summary>
    public double TauMs { get; init; } = 0.5;

    /// <summary>Rise time constant (Exp2Syn tau1), ms.</summary>
    public double Tau1Ms { get; init; } = 0.5;

    /// <summary>Decay time constant (Exp2Syn tau2), ms.</summary>
    public double Tau2Ms { get; init; } = 2.0;

    /// <summary>Reversal potential (conductance-based), mV.</summary>
    public double ReversalMv { get; init; }

    /// <summary>Weight J_yX: nA for current-based synapses (positive = depolarizing), µS for conductance-based.</summary>
    public required double Weight { get; init; }

    /// <summary>Mean delay synDelayLoc, ms.</summary>
    public required double DelayLocMs { get; init; }

    /// <summary>Delay standard deviation synDelayScale, ms; null = every delay is exactly <see cref="DelayLocMs"/>.</summary>
    public double? DelayScaleMs { get; init; }
}

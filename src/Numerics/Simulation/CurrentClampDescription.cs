namespace HybridLfp.Streaming.Numerics.Simulation;

/// <summary>
/// NEURON's IClamp at a segment centre: an electrode current of <paramref name="AmplitudeNa"/> (nA, positive =
/// depolarizing) for delay ≤ t &lt; delay + duration (evaluated at mid-step t). Electrode currents are not membrane
/// currents: they are excluded from imem, as NEURON's i_membrane_.
/// </summary>
/// <param name="Segment">segment index.</param>
/// <param name="DelayMs">onset, ms.</param>
/// <param name="DurationMs">duration, ms.</param>
/// <param name="AmplitudeNa">amplitude, nA.</param>
public sealed record CurrentClampDescription(int Segment, double DelayMs, double DurationMs, double AmplitudeNa);

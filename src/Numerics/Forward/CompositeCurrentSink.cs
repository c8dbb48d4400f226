using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>Forwards every sample to several sinks in order (e.g. an electrode and the current dipole moment).</summary>
public sealed class CompositeCurrentSink(IReadOnlyList<IMembraneCurrentSink> sinks) : IMembraneCurrentSink
{
    private readonly IMembraneCurrentSink[] _sinks = [.. sinks];

    public void OnSample(int sampleIndex, double timeMs, ReadOnlySpan<double> membraneCurrentsNa)
    {
        foreach (var sink in _sinks)
        {
            sink.OnSample(sampleIndex, timeMs, membraneCurrentsNa);
        }
    }

    public void Complete()
    {
        foreach (var sink in _sinks)
        {
            sink.Complete();
        }
    }
}

using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>One section as NEURON sees it after define_shape and the nseg rule.</summary>
/// <param name="Name">NEURON section name.</param>
/// <param name="ParentIndex">parent section index, -1 for a root.</param>
/// <param name="ParentX">connection point on the parent (NaN for a root).</param>
/// <param name="ChildX">end of this section at the parent (always 0 here).</param>
/// <param name="Nseg">number of segments.</param>
/// <param name="FirstSegment">index of this section's first segment in LFPy segment order.</param>
/// <param name="LengthUm">L, µm (last arc3d).</param>
/// <param name="LambdaF">NEURON stdlib's <c>lambda_f(f)</c> (µm) at the rule's frequency; NaN unless the rule is lambda_f.</param>
/// <param name="Points">pt3d after define_shape (float32, µm).</param>
/// <param name="Arc3d">arc length at each point, µm (computed before define_shape).</param>
public sealed record DiscretizedSection(
    string Name,
    int ParentIndex,
    double ParentX,
    double ChildX,
    int Nseg,
    int FirstSegment,
    double LengthUm,
    double LambdaF,
    ImmutableArray<Pt3dPoint> Points,
    ImmutableArray<double> Arc3d)
{
    /// <summary>NEURON's seg.x of segment <paramref name="i"/> (0-based): (i + 0.5)/nseg.</summary>
    public double SegmentX(int i) => (i + 0.5) / Nseg;
}

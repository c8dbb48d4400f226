using HybridLfp.Streaming.Pipeline.Recipe;

namespace HybridLfp.Streaming.Pipeline.Building;

/// <summary>
/// What the builders need of a discretized cell, in LFPy segment order and BEFORE placement/rotation: per segment
/// its section name, membrane area and midpoint, and the soma midpoint. The engine's discretized cell implements
/// this through an adapter; <see cref="SegmentTable"/> is a plain array implementation.
/// </summary>
public interface ICellSegments
{
    int SegmentCount { get; }

    /// <summary>NEURON section name of the segment (e.g. <c>dend[3]</c>).</summary>
    string SectionName(int segment);

    /// <summary>Membrane area (NEURON area(x)), µm².</summary>
    double AreaUm2(int segment);

    /// <summary>Segment midpoint in the morphology's own frame, µm.</summary>
    Point3 Midpoint(int segment);

    /// <summary>Soma midpoint in the morphology's own frame (what set_pos moves), µm.</summary>
    Point3 SomaPosition { get; }
}

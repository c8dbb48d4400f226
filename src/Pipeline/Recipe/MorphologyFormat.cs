namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Morphology file formats the morphology readers understand.</summary>
public enum MorphologyFormat
{
    Swc,
    Hoc,
    Json,

    /// <summary>Neurolucida V3 text (<c>.asc</c>), read as NEURON's Import3d_Neurolucida3.</summary>
    Neurolucida,

    /// <summary>NeuroML v1 MorphML (<c>.xml</c>, <c>.nml</c>), read as NEURON's Import3d_MorphML.</summary>
    MorphMl,
}

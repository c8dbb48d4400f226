namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Morphology file formats the morphology readers understand.</summary>
public enum MorphologyFormat
{
    Swc,
    Hoc,
    Json,
}

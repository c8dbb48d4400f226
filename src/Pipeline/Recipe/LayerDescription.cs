namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>A layer: the open interval (BottomUm, TopUm) of z, µm (hybridLFPy layerBoundaries row [top, bottom]).</summary>
public readonly record struct LayerDescription(double TopUm, double BottomUm);

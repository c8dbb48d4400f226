namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A probe: one forward model (LFPykit class name, e.g. <c>RecExtElectrode</c>, <c>LaminarCurrentSourceDensity</c>,
/// <c>CurrentDipoleMoment</c>) and its parameters, interpreted by the forward-model part. Several probes may use
/// the same model if they have different <see cref="Name"/>s; outputs are grouped by name.
/// </summary>
/// <param name="Name">Output name (defaults to the model name).</param>
/// <param name="Model">Forward model class name.</param>
/// <param name="Parameters">Model parameters as written in the recipe (a mapping), or null.</param>
public sealed record ProbeDescription(string Name, string Model, RecipeMapping? Parameters);

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// One problem found in a recipe: where (<see cref="Path"/> such as <c>populations.EX.k_yXL</c>, and the 1-based
/// line when the recipe came from a file, 0 otherwise) and what was expected.
/// </summary>
public sealed record RecipeProblem(string Path, string Message, int Line = 0)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Path}: {Message}" : $"{Path}: {Message}";
}

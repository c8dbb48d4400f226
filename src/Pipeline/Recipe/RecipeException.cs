using System.Collections.Immutable;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// A recipe that cannot be used. Carries every problem found (not just the first), each with its path and line;
/// the message lists them all, one per line, so the CLI prints them without a stack trace.
/// </summary>
public sealed class RecipeException : InputException
{
    public ImmutableArray<RecipeProblem> Problems { get; }

    public RecipeException(string recipeName, IReadOnlyCollection<RecipeProblem> problems)
        : base(recipeName, Format(problems))
    {
        Problems = [.. problems];
    }

    private static string Format(IReadOnlyCollection<RecipeProblem> problems) =>
        $"{problems.Count} problem(s) in the recipe:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}

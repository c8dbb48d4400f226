namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Loads a recipe from a YAML (<c>.yaml</c>/<c>.yml</c>) or JSON (<c>.json</c>) file: parse → bind → validate.
/// Paths inside are relative to the recipe file. A hybrid reference case (JSON with <c>inputs</c>) is read as an
/// injected recipe by <see cref="HybridCaseRecipeReader"/>. Throws one <see cref="RecipeException"/> listing every problem
/// with its path and line.
/// </summary>
public static class RecipeLoader
{
    public static RecipeDescription LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RecipeException(path, [new RecipeProblem("(file)", "recipe file not found")]);
        }

        var isJson = Path.GetExtension(full).Equals(".json", StringComparison.OrdinalIgnoreCase);
        var text = File.ReadAllText(full);
        if (isJson && LooksLikeHybridCase(text))
        {
            var recipe = HybridCaseRecipeReader.ReadFile(full);
            var problems = RecipeValidator.Validate(recipe);
            return problems.Count > 0 ? throw new RecipeException(full, problems) : recipe;
        }

        return Load(text, isJson, Path.GetDirectoryName(full)!, full);
    }

    /// <summary>A reference case file has "inputs" with "populations" and "network" (checked on the parsed root).</summary>
    private static bool LooksLikeHybridCase(string text)
    {
        if (!text.Contains("\"inputs\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
            return HybridCaseRecipeReader.IsHybridCase(document.RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            return false; // the recipe path reports the syntax error with its line
        }
    }

    /// <summary>Loads recipe text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static RecipeDescription Load(string text, bool isJson, string baseDirectory, string sourceName = "recipe")
    {
        var root = isJson ? JsonRecipeReader.Parse(text, sourceName) : YamlRecipeReader.Parse(text, sourceName);
        var reader = new RecipeNodeReader();
        var recipe = new RecipeBinder(reader, Path.GetFullPath(baseDirectory)).Bind(root);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        Index(root, lines);
        var problems = reader.Problems;
        // A value the binder could not read was replaced by a fallback; do not report it a second time.
        var unreadable = problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(RecipeValidator.Validate(recipe, p => LineOf(p, lines)).Where(p => !unreadable.Contains(p.Path)));
        if (problems.Count > 0)
        {
            throw new RecipeException(sourceName, problems);
        }

        return recipe;
    }

    private static void Index(RecipeNode node, Dictionary<string, int> lines)
    {
        lines.TryAdd(node.Path, node.Line);
        switch (node)
        {
            case RecipeMapping map:
                foreach (var entry in map.Entries)
                {
                    Index(entry.Value, lines);
                }

                break;
            case RecipeSequence seq:
                foreach (var item in seq.Items)
                {
                    Index(item, lines);
                }

                break;
        }
    }

    /// <summary>Line of a path, or of its nearest ancestor present in the file (validator paths may name defaults).</summary>
    private static int LineOf(string path, Dictionary<string, int> lines)
    {
        while (path.Length > 0)
        {
            if (lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                break;
            }

            path = path[..cut];
        }

        return 0;
    }
}

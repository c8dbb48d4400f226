namespace HybridLfp.Streaming.Cli.Plotting;

/// <summary>The data lines of a small text file read by <c>hlfp plot</c>: trimmed, blank and '#' lines skipped.</summary>
internal static class TextDataLines
{
    /// <summary>Each data line with its 1-based line number in the file (for error messages).</summary>
    public static IEnumerable<(int LineNumber, string Text)> Read(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }

            yield return (lineNumber, text);
        }
    }
}

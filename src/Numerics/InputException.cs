namespace HybridLfp.Streaming.Numerics;

/// <summary>
/// Bad user input: a file, a recipe entry or a parameter that cannot be used. The message names the input (file and
/// line where known) and what was expected, so the CLI can print it without a stack trace.
/// </summary>
public class InputException : Exception
{
    /// <summary>File, parameter or recipe path the problem is in (may be empty).</summary>
    public string InputName { get; }

    /// <summary>1-based line number in <see cref="InputName"/>, or 0 when not applicable.</summary>
    public int Line { get; }

    public InputException(string inputName, string message, int line = 0, Exception? inner = null)
        : base(Format(inputName, line, message), inner)
    {
        InputName = inputName;
        Line = line;
    }

    private static string Format(string inputName, int line, string message)
    {
        if (string.IsNullOrEmpty(inputName))
        {
            return message;
        }

        return line > 0 ? $"{inputName}:{line}: {message}" : $"{inputName}: {message}";
    }
}

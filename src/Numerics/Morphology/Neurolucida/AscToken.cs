namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>Token kinds of the Neurolucida V3 text format, as Import3d_Neurolucida3's lexer distinguishes them.</summary>
internal enum AscTokenKind
{
    EndOfFile,
    Number,
    LeftParen,
    RightParen,
    Comma,
    Bar,
    LeftSpine,
    RightSpine,
    Set,
    Rgb,
    String,
    Label,
}

/// <summary>One token with the 1-based line it starts on.</summary>
/// <param name="Kind">token kind.</param>
/// <param name="Text">label or string contents (without quotes); the number's text for numbers.</param>
/// <param name="Value">value of a number token.</param>
/// <param name="Line">1-based line in the file.</param>
internal readonly record struct AscToken(AscTokenKind Kind, string Text, double Value, int Line)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        AscTokenKind.EndOfFile => "end of file",
        AscTokenKind.Number => $"number {Text}",
        AscTokenKind.String => $"string \"{Text}\"",
        AscTokenKind.Label => $"name '{Text}'",
        AscTokenKind.Set => $"'{Text}'",
        AscTokenKind.Rgb => "'RGB'",
        _ => $"'{Text}'",
    };
}

namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

internal enum HocTokenKind
{
    Number,
    String,
    Identifier,
    /// <summary>A procedure argument <c>$1</c>, <c>$2</c>, …; <see cref="HocToken.Number"/> holds the index.</summary>
    Argument,
    /// <summary>Operators and brackets; <see cref="HocToken.Text"/> holds the symbol.</summary>
    Punctuation,
    Newline,
    End,
}

/// <summary>One hoc token with its 1-based source line.</summary>
internal readonly record struct HocToken(HocTokenKind Kind, string Text, double Number, int Line)
{
    public bool Is(string punctuation) => Kind == HocTokenKind.Punctuation && Text == punctuation;

    public bool IsWord(string word) => Kind == HocTokenKind.Identifier && Text == word;

    public override string ToString() => Kind switch
    {
        HocTokenKind.Newline => "end of line",
        HocTokenKind.End => "end of file",
        HocTokenKind.String => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}

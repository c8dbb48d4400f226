using System.Globalization;

namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>
/// Splits Neurolucida V3 text into tokens the way Import3d_Neurolucida3's <c>lex</c> does: <c>;</c> starts a comment
/// to the end of the line; <c>( ) , | &lt; &gt;</c> are single-character tokens; <c>"…"</c> is a string (one line, no
/// embedded quotes); the words <c>set</c>/<c>Set</c>/<c>SET</c> and <c>RGB</c> are keywords; other words of letters,
/// digits and <c>_</c> are labels. Numbers are C decimals (Import3d reads them with <c>%lf</c>); unlike Import3d, a
/// number glued to letters (<c>2.5x</c>) is an error rather than a number followed by a label.
/// </summary>
internal static class AscLexer
{
    public static List<AscToken> Tokenize(string text, string sourceName)
    {
        var tokens = new List<AscToken>(text.Length / 8);
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == ';')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new AscToken(AscTokenKind.LeftParen, "(", 0, line));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new AscToken(AscTokenKind.RightParen, ")", 0, line));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new AscToken(AscTokenKind.Comma, ",", 0, line));
                    i++;
                    continue;
                case '|':
                    tokens.Add(new AscToken(AscTokenKind.Bar, "|", 0, line));
                    i++;
                    continue;
                case '<':
                    tokens.Add(new AscToken(AscTokenKind.LeftSpine, "<", 0, line));
                    i++;
                    continue;
                case '>':
                    tokens.Add(new AscToken(AscTokenKind.RightSpine, ">", 0, line));
                    i++;
                    continue;
                case '"':
                {
                    var end = i + 1;
                    while (end < text.Length && text[end] != '"' && text[end] != '\n')
                    {
                        end++;
                    }

                    if (end >= text.Length || text[end] != '"')
                    {
                        throw new InputException(sourceName, "string without a closing '\"' on the same line", line);
                    }

                    tokens.Add(new AscToken(AscTokenKind.String, text[(i + 1)..end], 0, line));
                    i = end + 1;
                    continue;
                }
            }

            if (StartsNumber(text, i))
            {
                var end = i;
                while (end < text.Length && !EndsWord(text[end]))
                {
                    end++;
                }

                var word = text[i..end];
                if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    || !double.IsFinite(value))
                {
                    throw new InputException(sourceName, $"bad number '{word}' (expected a decimal number such as -12.5 or 3e-2)", line);
                }

                tokens.Add(new AscToken(AscTokenKind.Number, word, value, line));
                i = end;
                continue;
            }

            if (IsWordChar(c))
            {
                var end = i;
                while (end < text.Length && IsWordChar(text[end]))
                {
                    end++;
                }

                var word = text[i..end];
                var kind = word switch
                {
                    "set" or "Set" or "SET" => AscTokenKind.Set,
                    "RGB" => AscTokenKind.Rgb,
                    _ => AscTokenKind.Label,
                };
                tokens.Add(new AscToken(kind, word, 0, line));
                i = end;
                continue;
            }

            throw new InputException(
                sourceName,
                $"unexpected character '{c}' (expected '(', ')', '|', ',', '<', '>', a number, a name, a \"string\" or a ';' comment)",
                line);
        }

        tokens.Add(new AscToken(AscTokenKind.EndOfFile, "", 0, line));
        return tokens;
    }

    private static bool StartsNumber(string text, int i)
    {
        var c = text[i];
        if (char.IsAsciiDigit(c))
        {
            return true;
        }

        if (c is '+' or '-')
        {
            i++;
            if (i >= text.Length)
            {
                return false;
            }

            c = text[i];
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
    }

    private static bool EndsWord(char c) =>
        char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '|' or ';' or '<' or '>' or '"';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

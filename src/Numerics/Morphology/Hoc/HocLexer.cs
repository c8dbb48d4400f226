using System.Globalization;
using System.Text;

namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

/// <summary>
/// Splits hoc text into tokens on demand. Besides tokens it serves hoc's <c>fscan()</c>, which reads numbers from
/// the file being interpreted, starting at the line after the statement that is executing (hoc reads its input a
/// line at a time, so the rest of the statement's line is already consumed). After such a statement the lexer
/// resumes where <c>fscan</c> stopped. Not thread-safe; one instance per file.
/// </summary>
internal sealed class HocLexer
{
    private readonly string _text;
    private readonly string _sourceName;
    private readonly int[] _lineStarts;
    private int _position;
    private bool _atLineStart = true;
    private int _resumeAt = -1;

    public HocLexer(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = starts.ToArray();
    }

    /// <summary>1-based line of a character position.</summary>
    public int LineOf(int position)
    {
        var index = Array.BinarySearch(_lineStarts, position);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>Where <c>fscan</c> starts for the statement just parsed: the start of the next line.</summary>
    public int NextLineStart()
    {
        if (_atLineStart)
        {
            return _position;
        }

        var newline = _text.IndexOf('\n', _position);
        return newline < 0 ? _text.Length : newline + 1;
    }

    /// <summary>
    /// After a statement whose <c>fscan</c> calls moved the read position to <paramref name="position"/>: continue
    /// lexing there once the current line is finished.
    /// </summary>
    public void ResumeAt(int position)
    {
        if (_atLineStart)
        {
            _position = position;
        }
        else
        {
            _resumeAt = position;
        }
    }

    /// <summary>
    /// hoc <c>fscan()</c>: skips whitespace-separated words that are not numbers (and words starting with i/n, so
    /// "inf"/"nan" are never read), returns the next number and skips the whitespace after it.
    /// </summary>
    public double Fscan(ref int cursor, int line)
    {
        while (true)
        {
            while (cursor < _text.Length && char.IsWhiteSpace(_text[cursor]))
            {
                cursor++;
            }

            if (cursor >= _text.Length)
            {
                throw new InputException(_sourceName, "fscan(): no more numbers in the file (EOF in fscan)", line);
            }

            var start = cursor;
            while (cursor < _text.Length && !char.IsWhiteSpace(_text[cursor]))
            {
                cursor++;
            }

            var word = _text.AsSpan(start, cursor - start);
            if (word[0] is 'i' or 'n' or 'I' or 'N')
            {
                continue;
            }

            // like sscanf("%lf"): the longest numeric prefix of the word
            var length = NumericPrefixLength(word);
            if (length > 0 && double.TryParse(word[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                while (cursor < _text.Length && char.IsWhiteSpace(_text[cursor]))
                {
                    cursor++;
                }

                return value;
            }
        }
    }

    private static int NumericPrefixLength(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return 0;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-'))
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                {
                    j++;
                }

                i = j;
            }
        }

        return i;
    }

    public HocToken Next()
    {
        if (_atLineStart && _resumeAt >= 0)
        {
            _position = _resumeAt;
            _resumeAt = -1;
        }

        while (true)
        {
            if (_position >= _text.Length)
            {
                _atLineStart = true;
                return new HocToken(HocTokenKind.End, "", 0, LineOf(_text.Length));
            }

            var c = _text[_position];
            if (c == '\n')
            {
                var line = LineOf(_position);
                _position++;
                _atLineStart = true;
                return new HocToken(HocTokenKind.Newline, "\n", 0, line);
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                _position++;
                continue;
            }

            if (c == '\\' && NextIsLineBreak(_position + 1, out var afterBreak))
            {
                _position = afterBreak; // line continuation
                continue;
            }

            if (c == '/' && Peek(1) == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }

                continue;
            }

            if (c == '/' && Peek(1) == '*')
            {
                var startLine = LineOf(_position);
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new InputException(_sourceName, "unterminated comment /* … */", startLine);
                }

                _position = end + 2;
                continue;
            }

            _atLineStart = false;
            return Token(c);
        }
    }

    private HocToken Token(char c)
    {
        var start = _position;
        var line = LineOf(start);
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            var length = NumericPrefixLength(_text.AsSpan(start));
            _position = start + length;
            var value = double.Parse(_text.AsSpan(start, length), NumberStyles.Float, CultureInfo.InvariantCulture);
            return new HocToken(HocTokenKind.Number, _text.Substring(start, length), value, line);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            return new HocToken(HocTokenKind.Identifier, _text[start.._position], 0, line);
        }

        if (c == '"')
        {
            var builder = new StringBuilder();
            _position++;
            while (true)
            {
                if (_position >= _text.Length || _text[_position] == '\n')
                {
                    throw new InputException(_sourceName, "unterminated string", line);
                }

                var ch = _text[_position++];
                if (ch == '"')
                {
                    break;
                }

                if (ch == '\\' && _position < _text.Length)
                {
                    var escaped = _text[_position++];
                    builder.Append(escaped switch { 'n' => '\n', 't' => '\t', _ => escaped });
                    continue;
                }

                builder.Append(ch);
            }

            return new HocToken(HocTokenKind.String, builder.ToString(), 0, line);
        }

        if (c == '$')
        {
            _position++;
            var digitsStart = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            if (_position == digitsStart)
            {
                var what = _position < _text.Length ? "$" + _text[_position] : "$";
                throw new InputException(
                    _sourceName, $"unsupported construct '{what}…' (only numeric arguments $1, $2, … are supported)", line);
            }

            var index = int.Parse(_text.AsSpan(digitsStart, _position - digitsStart), CultureInfo.InvariantCulture);
            return new HocToken(HocTokenKind.Argument, _text[start.._position], index, line);
        }

        string[] twoChar = ["<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/="];
        foreach (var op in twoChar)
        {
            if (string.CompareOrdinal(_text, start, op, 0, 2) == 0)
            {
                _position += 2;
                return new HocToken(HocTokenKind.Punctuation, op, 0, line);
            }
        }

        if ("()[]{},.=+-*/%^<>!;".Contains(c))
        {
            _position++;
            return new HocToken(HocTokenKind.Punctuation, c.ToString(), 0, line);
        }

        throw new InputException(_sourceName, $"unexpected character '{c}'", line);
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private bool NextIsLineBreak(int position, out int after)
    {
        var p = position;
        if (p < _text.Length && _text[p] == '\r')
        {
            p++;
        }

        if (p < _text.Length && _text[p] == '\n')
        {
            after = p + 1;
            return true;
        }

        after = position;
        return false;
    }
}

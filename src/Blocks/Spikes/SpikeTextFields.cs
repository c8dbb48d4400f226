using System.Globalization;
using System.Runtime.CompilerServices;

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>Splitting and number parsing for the text spike formats (UTF-8 bytes, invariant culture).</summary>
internal static class SpikeTextFields
{
    /// <summary>
    /// Splits a line into fields: on single commas (fields trimmed of blanks) when <paramref name="comma"/>, else on
    /// runs of tabs and spaces. Returns the number of fields; only the first ranges.Length are stored.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> ranges, bool comma)
    {
        int count = 0;
        if (comma)
        {
            int start = 0;
            for (int i = 0; i <= line.Length; i++)
            {
                if (i == line.Length || line[i] == (byte)',')
                {
                    int a = start;
                    int b = i;
                    while (a < b && IsBlank(line[a]))
                    {
                        a++;
                    }

                    while (b > a && IsBlank(line[b - 1]))
                    {
                        b--;
                    }

                    if (count < ranges.Length)
                    {
                        ranges[count] = new Range(a, b);
                    }

                    count++;
                    start = i + 1;
                }
            }

            return count;
        }

        int j = 0;
        while (true)
        {
            while (j < line.Length && IsBlank(line[j]))
            {
                j++;
            }

            if (j >= line.Length)
            {
                return count;
            }

            int s = j;
            while (j < line.Length && !IsBlank(line[j]))
            {
                j++;
            }

            if (count < ranges.Length)
            {
                ranges[count] = new Range(s, j);
            }

            count++;
        }
    }

    private static bool IsBlank(byte b) => b == (byte)'\t' || b == (byte)' ';

    public static bool TryParseId(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
        }

        long v = 0;
        foreach (byte b in text)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
            }

            v = v * 10 + d;
        }

        value = v;
        return true;
    }

    /// <summary>
    /// Parses "digits, blanks, plain decimal time, optional blanks" in one pass (the NEST line). Returns false for
    /// anything else (signs, exponents, more columns, long numbers, the last-column-missing case) so the caller's
    /// general path can parse it or report it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseIdTimeLine(ReadOnlySpan<byte> line, out long id, out double time)
    {
        id = 0;
        time = 0;
        int i = 0;
        int idDigits = 0;
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
        {
            id = id * 10 + (line[i] - '0');
            i++;
            idDigits++;
        }

        if (idDigits is 0 or > 18 || i == line.Length || !IsBlank(line[i]))
        {
            return false;
        }

        while (i < line.Length && IsBlank(line[i]))
        {
            i++;
        }

        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < line.Length; i++)
        {
            byte b = line[i];
            uint d = (uint)(b - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (b == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                break;
            }
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        for (; i < line.Length; i++)
        {
            if (!IsBlank(line[i]))
            {
                return false;
            }
        }

        // Exact: mantissa < 2^53 and 10^fraction exact, so one correctly rounded division (see TryParseTime).
        time = fraction > 0 ? mantissa / s_powersOfTen[fraction] : mantissa;
        return true;
    }

    private static readonly double[] s_powersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Parses a time. Fast path for plain decimals ("123.456", at most 15 digits): the digits form an integer
    /// m &lt; 2^53 and 10^k is exact, so m / 10^k is one correctly rounded IEEE division, i.e. exactly the double
    /// the general parser returns. Anything else (exponents, signs, long mantissas) goes to the general parser.
    /// </summary>
    public static bool TryParseTime(ReadOnlySpan<byte> text, out double value)
    {
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (int i = 0; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (fraction >= 0)
                {
                    fraction++;
                }
            }
            else if (text[i] == (byte)'.' && fraction < 0)
            {
                fraction = 0;
            }
            else
            {
                digits = 99;
                break;
            }
        }

        if (digits is > 0 and <= 15)
        {
            value = fraction > 0 ? mantissa / s_powersOfTen[fraction] : mantissa;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}

using System.Globalization;

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

    public static bool TryParseTime(ReadOnlySpan<byte> text, out double value)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

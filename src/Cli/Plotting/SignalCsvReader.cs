using System.Globalization;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Cli.Plotting;

/// <summary>A table of signals from CSV: time column (ms) and one column per channel, with the header names.</summary>
internal sealed record SignalTable(double[] TimesMs, string[] Names, double[][] Channels);

/// <summary>
/// Reads a comma-separated file with a header line; the first column is time (ms), every other column one signal.
/// Blank lines and lines starting with '#' are skipped.
/// </summary>
internal static class SignalCsvReader
{
    public static SignalTable Read(string path)
    {
        string[]? header = null;
        var time = new List<double>();
        var columns = new List<List<double>>();
        foreach (var (lineNumber, text) in TextDataLines.Read(path))
        {
            var fields = text.Split(',').Select(f => f.Trim()).ToArray();
            if (header is null)
            {
                if (fields.Length < 2)
                {
                    throw new InputException(path, "expected a header line 'time,signal1,…' with at least two columns", lineNumber);
                }

                header = fields;
                columns.AddRange(Enumerable.Range(1, fields.Length - 1).Select(_ => new List<double>()));
                continue;
            }

            if (fields.Length != header.Length)
            {
                throw new InputException(path, $"expected {header.Length} comma-separated values as in the header, got {fields.Length}", lineNumber);
            }

            for (var c = 0; c < fields.Length; c++)
            {
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new InputException(path, $"column {c + 1} ('{header[c]}'): expected a number, got '{fields[c]}'", lineNumber);
                }

                if (c == 0)
                {
                    time.Add(v);
                }
                else
                {
                    columns[c - 1].Add(v);
                }
            }
        }

        if (header is null || time.Count == 0)
        {
            throw new InputException(path, "no data: expected a header line and at least one row of numbers");
        }

        return new SignalTable([.. time], header[1..], columns.Select(c => c.ToArray()).ToArray());
    }
}

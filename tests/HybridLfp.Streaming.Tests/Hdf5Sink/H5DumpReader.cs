using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HybridLfp.Streaming.Tests.Hdf5Sink;

/// <summary>What h5dump says about one dataset: its extent, maximum extent, chunk shape and values.</summary>
internal sealed record DumpedDataset(long[] Dims, string[] MaxDims, long[]? Chunk, string Type, double[] Values);

/// <summary>
/// An independent reader for the tests: runs the HDF5 project's own h5dump (full precision: <c>-m %.17g</c>) and
/// parses its text. Shares no code with our libhdf5 binding. File locking is switched off for h5dump so a file the
/// test still has open for writing can be inspected after a flush.
/// </summary>
internal static partial class H5DumpReader
{
    public static DumpedDataset Dataset(string file, string path)
    {
        var text = Run("-p", "-y", "-w", "0", "-A", "0", "-m", "%.17g", "-d", path, file);
        var space = DataspaceRegex().Match(text);
        Assert.True(space.Success, $"no DATASPACE SIMPLE in h5dump output of {path}:\n{text}");
        var dims = space.Groups[1].Value.Split(',').Select(s => long.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray();
        var max = space.Groups[2].Value.Split(',').Select(s => s.Trim()).ToArray();
        var chunkMatch = ChunkRegex().Match(text);
        long[]? chunk = chunkMatch.Success
            ? chunkMatch.Groups[1].Value.Split(',').Select(s => long.Parse(s.Trim(), CultureInfo.InvariantCulture)).ToArray()
            : null;
        var type = TypeRegex().Match(text).Groups[1].Value;
        double[] values = [];
        int start = text.IndexOf("DATA {", StringComparison.Ordinal);
        if (start >= 0)
        {
            start += "DATA {".Length;
            int end = text.IndexOf('}', start);
            values = text[start..end].Split([',', '\n', ' ', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        }

        return new DumpedDataset(dims, max, chunk, type, values);
    }

    /// <summary>A scalar dataset's value.</summary>
    public static double Scalar(string file, string path)
    {
        var text = Run("-y", "-w", "0", "-m", "%.17g", "-d", path, file);
        Assert.Contains("DATASPACE  SCALAR", text);
        int start = text.IndexOf("DATA {", StringComparison.Ordinal) + "DATA {".Length;
        return double.Parse(text[start..text.IndexOf('}', start)].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>An attribute's value as h5dump prints it (strings without quotes) and its type line.</summary>
    public static (string Value, string Type) Attribute(string file, string path)
    {
        var text = Run("-y", "-w", "0", "-m", "%.17g", "-a", path, file);
        int start = text.IndexOf("DATA {", StringComparison.Ordinal) + "DATA {".Length;
        var value = Unescape(text[start..text.IndexOf('}', start)].Trim().Trim('"'));
        int typeStart = text.IndexOf("DATATYPE", StringComparison.Ordinal);
        return (value, text[typeStart..text.IndexOf("DATASPACE", typeStart, StringComparison.Ordinal)]);
    }

    /// <summary>The object names h5dump lists (<c>-n</c>): "group /X", "dataset /X/Y".</summary>
    public static string[] Contents(string file) =>
        Run("-n", file).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("group", StringComparison.Ordinal) || l.StartsWith("dataset", StringComparison.Ordinal)).ToArray();

    /// <summary>h5dump prints non-ASCII bytes as octal escapes of sign-extended chars (\\37777777702 = 0xC2): back to UTF-8.</summary>
    private static string Unescape(string text)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                int j = i + 1;
                while (j < text.Length && text[j] is >= '0' and <= '7')
                {
                    j++;
                }

                bytes.Add((byte)(Convert.ToInt64(text[(i + 1)..j], 8) & 0xFF));
                i = j - 1;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private static string Run(params string[] args)
    {
        var info = new ProcessStartInfo("h5dump") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HDF5_USE_FILE_LOCKING"] = "FALSE";
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"h5dump {string.Join(' ', args)} failed: {error}");
        return output.Result;
    }

    [GeneratedRegex(@"DATASPACE\s+SIMPLE\s*\{\s*\(([^)]*)\)\s*/\s*\(([^)]*)\)")]
    private static partial Regex DataspaceRegex();

    [GeneratedRegex(@"CHUNKED\s*\(([^)]*)\)")]
    private static partial Regex ChunkRegex();

    [GeneratedRegex(@"DATATYPE\s+(\S+)")]
    private static partial Regex TypeRegex();
}

using System.Globalization;
using System.Text;
using HybridLfp.Streaming.Blocks.Spikes;
using static HybridLfp.Streaming.Tests.Spikes.SpikeSourceReading;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>
/// The ordering paths of a file of unknown order: a time-ordered prefix re-read instead of spilled (whole file or
/// only its start), spilled runs merged with it, the bulk NEST line parser against double.Parse, and early exits
/// from the prefetching reader. Expected values come from the test's own data and LINQ sorting.
/// </summary>
public sealed class SpikeOrderingPathTests
{
    private static List<(double T, long Id, string Pop)> Sorted(IEnumerable<(string Time, long Id)> lines)
        => lines.Select(l => (double.Parse(l.Time, CultureInfo.InvariantCulture), l.Id, "all"))
            .OrderBy(s => s.Item1).ThenBy(s => s.Id).ToList();

    private static string Dat(IEnumerable<(string Time, long Id)> lines, string newline = "\n")
    {
        var text = new StringBuilder("# NEST version: 3.8" + newline + "# RecordingBackendASCII version: 2" + newline + "sender\ttime_ms" + newline);
        foreach (var (time, id) in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{id}\t{time}{newline}");
        }

        return text.ToString();
    }

    /// <summary>NEST-like lines in time order, with runs of equal times whose gids come in descending order.</summary>
    private static List<(string Time, long Id)> TimeOrderedLines(int count, int seed)
    {
        var rng = new Random(seed);
        var lines = new List<(string, long)>();
        int step = 0;
        while (lines.Count < count)
        {
            step += rng.Next(0, 3);
            int ties = rng.Next(1, 6);
            for (int k = 0; k < ties && lines.Count < count; k++)
            {
                lines.Add(((step / 10.0).ToString("0.0##", CultureInfo.InvariantCulture), 1000 - k * 7 - rng.Next(3)));
            }
        }

        return lines;
    }

    [Theory]
    [InlineData(1 << 20)] // one in-memory run
    [InlineData(300)] // prefix of many runs, re-read in pass 2 (ties held back and re-ordered by gid)
    [InlineData(16)]
    public async Task TimeOrderedFileIsStreamedInStreamOrder(int runLength)
    {
        using var files = new SpikeTestFiles();
        var lines = TimeOrderedLines(5000, 3);
        var path = files.Write("rec-1-0.dat", Dat(lines));
        var back = await ReadAllAsync(SpikeFiles.Open([path], new SpikeReaderOptions { RunLength = runLength, ChunkLength = 100, TempDirectory = files.Folder }));
        Assert.Equal(Sorted(lines), back);
    }

    [Theory]
    [InlineData(1000, 300)] // ordered start, then a shuffled tail: prefix re-read and merged with spilled runs
    [InlineData(0, 300)] // out of order from the first run on: all spilled
    [InlineData(4999, 300)] // only the last line is out of order
    public async Task OrderedStartThenDisorderIsMergedExactly(int orderedCount, int runLength)
    {
        using var files = new SpikeTestFiles();
        var lines = TimeOrderedLines(5000, 5);
        var rng = new Random(9);
        var tail = lines.Skip(orderedCount).OrderBy(_ => rng.Next()).ToList();
        if (orderedCount == 4999)
        {
            tail = [("0.05", 3)];
        }

        var all = lines.Take(orderedCount).Concat(tail).ToList();
        var path = files.Write("rec-1-0.dat", Dat(all));
        var back = await ReadAllAsync(SpikeFiles.Open([path], new SpikeReaderOptions { RunLength = runLength, ChunkLength = 77, TempDirectory = files.Folder }));
        Assert.Equal(Sorted(all), back);
    }

    [Fact]
    public async Task MalformedLinesInAReReadPrefixAreCountedOnce()
    {
        using var files = new SpikeTestFiles();
        var lines = TimeOrderedLines(2000, 7);
        var text = new StringBuilder(Dat(lines.Take(500)));
        text.Append("x\t1.0\n");
        foreach (var (time, id) in lines.Skip(500).Take(1000))
        {
            text.Append(CultureInfo.InvariantCulture, $"{id}\t{time}\n");
        }

        text.Append("12\tabc\n");
        foreach (var (time, id) in lines.Skip(1500))
        {
            text.Append(CultureInfo.InvariantCulture, $"{id}\t{time}\n");
        }

        var path = files.Write("rec-1-0.dat", text.ToString());
        var options = new SpikeReaderOptions { RunLength = 200, MalformedLines = MalformedLinePolicy.SkipAndCount, TempDirectory = files.Folder };
        var back = await ReadAllAsync(SpikeFiles.Open([path], options));
        Assert.Equal(Sorted(lines), back);
        Assert.Equal(2, options.MalformedReport.Count);
        Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains($":{3 + 500 + 1}:"));
        Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains($":{3 + 1500 + 2}:"));
    }

    /// <summary>
    /// Times of 1–17 significant digits in many shapes (integers, "5.", ".5", trailing zeros, CRLF, trailing tabs and
    /// blanks, several separators): every value read equals double.Parse of its text, so the bulk path's
    /// mantissa / 10^k is correctly rounded, and lines it does not take still go through the general path.
    /// </summary>
    [Theory]
    [InlineData("\n", "")]
    [InlineData("\r\n", "")]
    [InlineData("\n", "\t")]
    [InlineData("\n", "  ")]
    public async Task BulkParsedTimesEqualDoubleParse(string newline, string trailing)
    {
        using var files = new SpikeTestFiles();
        var rng = new Random(21);
        var lines = new List<(string Time, long Id)>();
        for (int i = 0; i < 20000; i++)
        {
            int digits = 1 + (i % 17);
            var mantissa = new StringBuilder();
            for (int d = 0; d < digits; d++)
            {
                mantissa.Append((char)('0' + (d == 0 && digits > 1 ? rng.Next(1, 10) : rng.Next(10))));
            }

            string m = mantissa.ToString();
            int point = rng.Next(0, digits + 1);
            string time = (i % 5) switch
            {
                0 => m,
                1 => m[..point] + "." + m[point..],
                2 => m + ".",
                3 => "." + m,
                _ => m[..point] + "." + m[point..] + "000",
            };
            if (time == ".")
            {
                time = "0";
            }

            lines.Add((time, rng.Next(0, 1 << 30)));
        }

        var text = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            string separator = (i % 3) switch { 0 => "\t", 1 => " ", _ => " \t " };
            text.Append(CultureInfo.InvariantCulture, $"{lines[i].Id}{separator}{lines[i].Time}{trailing}{newline}");
        }

        var path = files.Write("rec-1-0.gdf", text.ToString());
        var back = await ReadAllAsync(SpikeFiles.Open([path], new SpikeReaderOptions { RunLength = 1 << 20 }));
        Assert.Equal(Sorted(lines), back);
    }

    [Fact]
    public async Task StoppingEarlyReleasesTheReadersAndSpillFiles()
    {
        using var files = new SpikeTestFiles();
        var rng = new Random(4);
        for (int vp = 0; vp < 3; vp++)
        {
            var lines = Enumerable.Range(0, 3000).Select(_ => ((rng.Next(100000) / 10.0).ToString(CultureInfo.InvariantCulture), (long)rng.Next(1000))).ToList();
            files.Write($"rec-1-{vp}.dat", Dat(lines));
        }

        var spillFolder = Directory.CreateDirectory(files.PathOf("spill")).FullName;
        var source = SpikeFiles.Open([files.Folder], new SpikeReaderOptions { RunLength = 100, ChunkLength = 10, TempDirectory = spillFolder });
        for (int attempt = 0; attempt < 3; attempt++)
        {
            await foreach (var chunk in source.ReadAsync())
            {
                using (chunk)
                {
                    Assert.True(chunk.Count > 0);
                }

                break;
            }

            Assert.Empty(Directory.EnumerateFiles(spillFolder));
        }

        // And a full read afterwards still gives everything.
        var all = await ReadAllAsync(source);
        Assert.Equal(9000, all.Count);
        Assert.Empty(Directory.EnumerateFiles(spillFolder));
    }
}

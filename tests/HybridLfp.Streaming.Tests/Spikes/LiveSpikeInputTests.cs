using System.Diagnostics;
using System.Net.Sockets;
using HybridLfp.Streaming.Blocks.Spikes;
using HybridLfp.Streaming.Blocks.Spikes.Live;
using HybridLfp.Streaming.Numerics;

namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>Live input over loopback TCP, a named pipe and a growing file; every test stops itself within seconds.</summary>
public sealed class LiveSpikeInputTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    private static async Task<(List<(double T, long Id)> Spikes, List<double> Watermarks)> DrainAsync(ISpikeSource source, CancellationToken ct)
    {
        var spikes = new List<(double, long)>();
        var watermarks = new List<double>();
        await foreach (var chunk in source.ReadAsync(ct))
        {
            using (chunk)
            {
                foreach (var s in chunk.Spikes)
                {
                    // Nothing released may be earlier than a watermark already given.
                    Assert.True(watermarks.Count == 0 || s.TimeMs >= watermarks[^1]);
                    spikes.Add((s.TimeMs, s.NodeId));
                }

                watermarks.Add(chunk.WatermarkMs);
            }
        }

        return (spikes, watermarks);
    }

    [Fact]
    public async Task TcpLineProtocolReleasesSortedSpikesAtWatermarks()
    {
        using var cts = new CancellationTokenSource(s_limit);
        var options = new SpikeReaderOptions { MalformedLines = MalformedLinePolicy.SkipAndCount };
        var (source, listener) = LineSpikeSource.ListenTcp(0, options);
        using (listener)
        {
            var reading = DrainAsync(source, cts.Token);
            using (var client = new TcpClient())
            {
                await client.ConnectAsync("127.0.0.1", listener.Port, cts.Token);
                using var writer = new StreamWriter(client.GetStream()) { NewLine = "\n" };
                await writer.WriteAsync("# producer\n5 1.5\n3 1.5\n7 0.5\nwatermark 1.5\n9 2.0\nnot a line\n4 1.0\n2 1.5\nwatermark 3\n8 3.5\nend\n");
                await writer.FlushAsync(cts.Token);
            }

            var (spikes, watermarks) = await reading;
            // 4 @ 1.0 breaks the promise of watermark 1.5 and is skipped; 2 @ 1.5 is allowed (ties at W may follow).
            Assert.Equal([(0.5, 7L), (1.5, 2L), (1.5, 3L), (1.5, 5L), (2.0, 9L), (3.5, 8L)], spikes);
            Assert.Equal([1.5, 3.0, double.PositiveInfinity], watermarks);
            Assert.Equal(2, options.MalformedReport.Count);
            Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains(":7:"));
            Assert.Contains(options.MalformedReport.FirstMessages, m => m.Contains(":8:") && m.Contains("watermark"));
        }
    }

    [Fact]
    public async Task MalformedLineStopsTheStreamWithItsLineNumber()
    {
        using var cts = new CancellationTokenSource(s_limit);
        var source = new LineSpikeSource("test-stream", _ => Task.FromResult<TextReader>(new StringReader("1 0.5\nwatermark 1\n2 x\n")), new SpikeReaderOptions());
        var e = await Assert.ThrowsAsync<InputException>(() => DrainAsync(source, cts.Token));
        Assert.Equal(3, e.Line);
        Assert.Contains("test-stream:3:", e.Message);
    }

    [Fact]
    public async Task NamedPipeIsRead()
    {
        using var files = new SpikeTestFiles();
        var fifo = files.PathOf("spikes.fifo");
        using (var mk = Process.Start("mkfifo", [fifo]))
        {
            await mk.WaitForExitAsync();
            Assert.Equal(0, mk.ExitCode);
        }

        using var cts = new CancellationTokenSource(s_limit);
        var reading = DrainAsync(LineSpikeSource.FromNamedPipe(fifo, new SpikeReaderOptions()), cts.Token);
        await Task.Run(() => File.WriteAllText(fifo, "2 0.3 L4E\n1 0.3 L4E\nwatermark 1\nend\n"), cts.Token);
        var (spikes, _) = await reading;
        Assert.Equal([(0.3, 1L), (0.3, 2L)], spikes);
    }

    [Fact]
    public async Task GrowingDatFileIsFollowedUntilTheEndMarker()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("spike_recorder-1-0.dat", "# NEST version: 3\n# RecordingBackendASCII version: 2\nsender\ttime_ms\n3\t0.1\n1\t0.2\n");
        using var cts = new CancellationTokenSource(s_limit);
        var follow = new GrowingFileOptions { PollInterval = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromSeconds(10) };
        var reading = DrainAsync(new GrowingDatFileSource(path, new SpikeReaderOptions(), follow), cts.Token);
        using (var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true, NewLine = "\n" })
        {
            await Task.Delay(100, cts.Token);
            await writer.WriteAsync("5\t0.2\n2\t0.");   // an incomplete line must wait
            await Task.Delay(100, cts.Token);
            await writer.WriteAsync("4\n7\t1.0\n");
            await Task.Delay(100, cts.Token);
            await writer.WriteAsync("# end\n8\t9.0\n");
        }

        var (spikes, watermarks) = await reading;
        Assert.Equal([(0.1, 3L), (0.2, 1L), (0.2, 5L), (0.4, 2L), (1.0, 7L)], spikes);
        Assert.Equal(double.PositiveInfinity, watermarks[^1]);
        Assert.True(watermarks.Count >= 2);
    }

    [Fact]
    public async Task GrowingFileEndsWhenTheWriterGoesQuiet()
    {
        using var files = new SpikeTestFiles();
        var path = files.Write("r-1-0.dat", "sender\ttime_ms\n1\t0.5\n2\t0.7");
        using var cts = new CancellationTokenSource(s_limit);
        var follow = new GrowingFileOptions { PollInterval = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromMilliseconds(300) };
        var stopwatch = Stopwatch.StartNew();
        var options = new SpikeReaderOptions { MalformedLines = MalformedLinePolicy.SkipAndCount };
        var (spikes, _) = await DrainAsync(new GrowingDatFileSource(path, options, follow), cts.Token);
        Assert.Equal([(0.5, 1L)], spikes);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 0.25, 10);

        // The unterminated last line is reported, not dropped silently.
        Assert.Equal(1, options.MalformedReport.Count);
        Assert.Contains(":3:", options.MalformedReport.FirstMessages[0]);
    }

    [Fact]
    public async Task CliConvertsATcpStreamToCsv()
    {
        using var files = new SpikeTestFiles();
        var output = files.PathOf("live.csv");
        int port;
        using (var probe = new TcpSpikeListener(0))
        {
            port = probe.Port;
        }

        using var cts = new CancellationTokenSource(s_limit);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = HybridLfp.Streaming.Cli.Program.RunAsync(["spikes", "convert", $"tcp:{port}", "-o", output], stdout, stderr, cts.Token);
        using (var client = new TcpClient())
        {
            while (true)
            {
                try
                {
                    await client.ConnectAsync("127.0.0.1", port, cts.Token);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(20, cts.Token);
                }
            }

            using var writer = new StreamWriter(client.GetStream()) { NewLine = "\n" };
            await writer.WriteAsync("3 0.25 v1\n1 0.25 v1\nwatermark 1\n2 1.5 v1\nend\n");
            await writer.FlushAsync(cts.Token);
        }

        Assert.True(await run == 0, stderr.ToString());
        Assert.Equal(["timestamps population node_ids", "0.25 v1 1", "0.25 v1 3", "1.5 v1 2"], File.ReadAllLines(output));
    }

    [Fact]
    public async Task LiveAndFileSourcesMergeByWatermark()
    {
        using var files = new SpikeTestFiles();
        var dat = files.Write("a-1-0.gdf", "10\t0.5\n11\t2.5\n");
        using var cts = new CancellationTokenSource(s_limit);
        var live = new LineSpikeSource("live", _ => Task.FromResult<TextReader>(new StringReader("1 0.5\nwatermark 1\n2 2.5\nwatermark 3\nend\n")), new SpikeReaderOptions());
        var merged = new SpikeTimeMerge("m", [SpikeFiles.OpenFile(dat, SpikeReaderOptions.Default), live]);
        var (spikes, _) = await DrainAsync(merged, cts.Token);
        Assert.Equal([(0.5, 1L), (0.5, 10L), (2.5, 2L), (2.5, 11L)], spikes);
    }
}

using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Run;

/// <summary>`hlfp run` in-process on the injected reference case: files written, thread count does not change a byte.</summary>
public sealed class RunCommandTests
{
    private static readonly string Case = SharedPaths.Of("reference", "cases", "hybrid_brunel_injected_public.json");

    [Fact]
    public async Task Threads_1_and_2_write_byte_identical_csv_and_hdf5()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlfp-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var one = await RunAsync(Path.Combine(root, "t1"), "1");
            var two = await RunAsync(Path.Combine(root, "t2"), "2");
            Assert.True(one.Length > 1_000_000);
            Assert.Equal(one, two);
            var lines = File.ReadLines(Path.Combine(root, "t1", "signals.csv")).ToArray();
            Assert.Equal("probe,population,channel,t_ms,value", lines[0]);
            // 2 probes × (2 populations + sum) × 6 channels × 3001 samples
            Assert.Equal(1 + (2 * 3 * 6 * 3001), lines.Length);
            var h5One = File.ReadAllBytes(Path.Combine(root, "t1", "signals.h5"));
            Assert.Equal(h5One, File.ReadAllBytes(Path.Combine(root, "t2", "signals.h5")));
            using var reader = HybridLfp.Streaming.Blocks.Sinks.Hdf5.Hdf5SignalReader.Open(Path.Combine(root, "t1", "signals.h5"));
            Assert.Equal("complete", reader.Status);
            var layout = reader.Layout("RecExtElectrode", "sum");
            Assert.Equal((6L, 3001L), (layout.Rows, layout.Columns));
            Assert.Equal("complete", HybridLfp.Streaming.Pipeline.Run.RunManifestFile.Read(Path.Combine(root, "t1")).Status);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_tstop_is_an_input_error()
    {
        var stderr = new StringWriter();
        var code = await HybridLfp.Streaming.Cli.Program.RunAsync(["run", Case, "--tstop", "0.05", "--out", Path.GetTempPath()], new StringWriter(), stderr, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("--tstop", stderr.ToString());
    }

    private static async Task<byte[]> RunAsync(string dir, string threads)
    {
        var stderr = new StringWriter();
        var code = await HybridLfp.Streaming.Cli.Program.RunAsync(["run", Case, "--out", dir, "--threads", threads, "--format", "csv,hdf5"], new StringWriter(), stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("100 cells", stderr.ToString());
        Assert.Contains("compartment-steps/s", stderr.ToString());
        return File.ReadAllBytes(Path.Combine(dir, "signals.csv"));
    }
}

using HybridLfp.Streaming.Blocks.Sinks.Hdf5;
using HybridLfp.Streaming.Cli.Commands;
using HybridLfp.Streaming.Pipeline.Run;
using HybridLfp.Streaming.Tests.Hdf5Sink;

namespace HybridLfp.Streaming.Tests.Demo;

/// <summary>`hlfp demo` end to end with a short tstop: every output exists and holds finite, non-zero signals of the right shape.</summary>
public sealed class DemoRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hlfp-demo-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ShortDemo_WritesEveryOutput_WithFiniteNonZeroSignals()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await new DemoCommand().RunAsync(["--out", _dir, "--tstop", "40", "--threads", "2"], stdout, stderr, CancellationToken.None));

        foreach (var name in (string[])["signals.h5", "signals.csv", "signals.parquet", "run.json", "lfp_csd.svg", "report.html",
                     "RecExtElectrode_sum.h5", "LaminarCurrentSourceDensity_sum.h5", "populations/EX_population_RecExtElectrode.h5",
                     "populations/IN_population_LaminarCurrentSourceDensity.h5", "spikes/EX.dat", "spikes/IN.dat", "morphologies/pyramidal.hoc"])
        {
            Assert.True(File.Exists(Path.Combine(_dir, name)), $"{name} missing; stdout:\n{stdout}\nstderr:\n{stderr}");
        }

        // 40 ms at dt_output = 1 ms: 41 samples (t = 0 … 40 ms), 6 channels for both probes. Checked by h5dump.
        var file = Path.Combine(_dir, "signals.h5");
        foreach (var (probe, units) in new[] { ("RecExtElectrode", "mV"), ("LaminarCurrentSourceDensity", "nA/µm³") })
        {
            foreach (var population in (string[])["EX", "IN", "sum"])
            {
                var dump = H5DumpReader.Dataset(file, $"/{probe}/{population}");
                Assert.Equal([6L, 41L], dump.Dims);
                Assert.All(dump.Values, v => Assert.True(double.IsFinite(v)));
                Assert.Contains(dump.Values, v => v != 0);
                Assert.Equal(units, H5DumpReader.Attribute(file, $"/{probe}/{population}/units").Value);
            }

            // sum = EX + IN (two terms: exact up to one rounding).
            var ex = H5DumpReader.Dataset(file, $"/{probe}/EX").Values;
            var inh = H5DumpReader.Dataset(file, $"/{probe}/IN").Values;
            var sum = H5DumpReader.Dataset(file, $"/{probe}/sum").Values;
            var scale = sum.Max(Math.Abs);
            for (int i = 0; i < sum.Length; i++)
            {
                Assert.True(Math.Abs(sum[i] - (ex[i] + inh[i])) <= 1e-12 * scale, $"{probe} sum[{i}]");
            }
        }

        Assert.Equal("complete", H5DumpReader.Attribute(file, "/status").Value);
        var manifest = RunManifestFile.Read(_dir);
        Assert.Equal("complete", manifest.Status);
        Assert.Equal(50, manifest.Summary!.Cells);
        Assert.True(manifest.Summary.Events > 0);
        Assert.Equal(["spikes/EX.dat"], manifest.Network[0].SpikeFiles.ToArray());

        // CSV: header + probes × (populations + sum) × channels × samples rows.
        Assert.Equal(1 + (2 * 3 * 6 * 41), File.ReadLines(Path.Combine(_dir, "signals.csv")).Count());
        var report = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("Input spikes", report);
        Assert.Contains("LFP (RecExtElectrode)", report);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(_dir, "lfp_csd.svg")));
        var (data, srate) = Hdf5SignalReader.ReadHybridLfpyFile(Path.Combine(_dir, "RecExtElectrode_sum.h5"));
        Assert.Equal(1000.0, srate);
        Assert.Equal(41, data[0].Length);
    }

    [Fact]
    public async Task Threads1And2_WriteByteIdenticalHdf5Files()
    {
        foreach (var threads in (string[])["1", "2"])
        {
            Assert.Equal(0, await new DemoCommand().RunAsync(["--out", Path.Combine(_dir, "t" + threads), "--tstop", "20", "--threads", threads],
                TextWriter.Null, TextWriter.Null, CancellationToken.None));
        }

        foreach (var name in (string[])["signals.h5", "RecExtElectrode_sum.h5", "populations/IN_population_LaminarCurrentSourceDensity.h5"])
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "t1", name)), File.ReadAllBytes(Path.Combine(_dir, "t2", name)));
        }
    }
}

using HybridLfp.Streaming.Tests.Distributed;
using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Cli;

/// <summary>
/// The multi-core JIT profile of `hlfp` (start-up speed only): written after a run, played back by the next run with
/// the same bytes out, ignored when damaged, absent when switched off. Real processes, since the runtime reads and
/// writes the profile around Main.
/// </summary>
public sealed class JitStartupProfileTests
{
    private static readonly string Case = SharedPaths.Of("reference", "cases", "hybrid_brunel_injected_public.json");

    [Fact]
    public async Task A_run_leaves_a_profile_that_the_next_run_plays_back_with_identical_outputs()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlfp-jit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var profiles = Path.Combine(root, "profiles");
            var environment = new Dictionary<string, string> { ["HLFP_JIT_PROFILE_DIR"] = profiles };
            var recorded = await RunCaseAsync(environment, Path.Combine(root, "first"));
            var profile = Path.Combine(profiles, "hlfp-run.jitprofile");
            if (Environment.ProcessorCount < 2)
            {
                Assert.False(File.Exists(profile)); // the runtime's multi-core JIT needs a second core
                return;
            }

            Assert.True(File.Exists(profile), "no profile after the first run");
            Assert.True(new FileInfo(profile).Length > 1000, "the profile lists no methods");
            Assert.Empty(Directory.GetFiles(profiles, "*.tmp")); // the private copy was renamed over the profile

            var played = await RunCaseAsync(environment, Path.Combine(root, "second"));
            Assert.Equal(recorded, played);

            // A damaged profile is ignored by the runtime (and replaced); the run is unaffected.
            byte[] garbage = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))];
            await File.WriteAllBytesAsync(profile, garbage);
            Assert.Equal(recorded, await RunCaseAsync(environment, Path.Combine(root, "damaged")));
            Assert.NotEqual(garbage, await File.ReadAllBytesAsync(profile));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task HLFP_JIT_PROFILE_0_writes_no_profile()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlfp-jit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var profiles = Path.Combine(root, "profiles");
            await RunCaseAsync(new Dictionary<string, string> { ["HLFP_JIT_PROFILE_DIR"] = profiles, ["HLFP_JIT_PROFILE"] = "0" }, Path.Combine(root, "out"));
            Assert.False(Directory.Exists(profiles));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // 10 ms of the injected reference case (100 cells), CSV out; returns the CSV bytes.
    private static async Task<byte[]> RunCaseAsync(Dictionary<string, string> environment, string outDir)
    {
        var o = await MpirunTests.RunHlfpAsync(environment, "run", Case, "--tstop", "10", "--format", "csv", "--out", outDir);
        Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}\n{o.Stderr}");
        return await File.ReadAllBytesAsync(Path.Combine(outDir, "signals.csv"));
    }
}

using HybridLfp.Streaming.Tests.Support;

namespace HybridLfp.Streaming.Tests.Distributed;

/// <summary>
/// `hlfp run` under the real `mpirun -np 2` on the brunel example (examples/brunel/brunel.yaml, first 100 ms):
/// the CSV and signals.h5 rank 0 writes are byte for byte the single-process ones; a recipe that fails on one rank ends the job
/// with that rank's message. About 5 s each.
/// </summary>
public sealed class MpirunRunTests
{
    private static readonly string Brunel = Path.Combine(SharedPaths.RepoRoot, "examples", "brunel", "brunel.yaml");

    [Fact]
    public async Task Two_mpi_ranks_write_the_single_process_csv_and_hdf5_byte_for_byte()
    {
        var root = Path.Combine(Path.GetTempPath(), "hlfp-mpirun-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            var single = await MpirunTests.RunHlfpAsync("run", Brunel, "--tstop", "100", "--threads", "1", "--format", "csv,hdf5", "--out", Path.Combine(root, "single"));
            var two = await MpirunTests.RunMpiAsync(2, "run", Brunel, "--tstop", "100", "--threads", "1", "--format", "csv,hdf5", "--out", Path.Combine(root, "two"));
            Assert.True(single.ExitCode == 0, single.Stderr);
            Assert.True(two.ExitCode == 0, two.Stderr);

            var expected = await File.ReadAllBytesAsync(Path.Combine(root, "single", "signals.csv"));
            var actual = await File.ReadAllBytesAsync(Path.Combine(root, "two", "signals.csv"));
            // 2 probes × (2 populations + sum) × 6 channels × 101 samples (t = 0 … 100 ms), plus the header.
            Assert.Equal(1 + (2 * 3 * 6 * 101), File.ReadLines(Path.Combine(root, "single", "signals.csv")).Count());
            Assert.Equal(expected, actual);
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(root, "single", "signals.h5")),
                await File.ReadAllBytesAsync(Path.Combine(root, "two", "signals.h5")));

            // Rank 0 alone prints the build line, the summary and the per-rank timings of both ranks.
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(two.Stderr, "building 250 cells"));
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(two.Stderr, "hlfp run: 250 cells"));
            Assert.Contains("2 MPI ranks, load balance", two.Stderr);
            Assert.Matches(@"rank 0: \d+ batches, \d+ cells", two.Stderr);
            Assert.Matches(@"rank 1: \d+ batches, \d+ cells", two.Stderr);
            Assert.DoesNotContain("MPI ranks", single.Stderr);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_recipe_failing_on_one_rank_ends_every_rank_within_10_s_with_its_message()
    {
        // IN cells get synapses on a section that does not exist: only the rank owning the IN batches (the last
        // batches, so rank 1) fails while building; rank 0 builds EX fine and would otherwise wait in the graph.
        var root = Path.Combine(Path.GetTempPath(), "hlfp-mpirun-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var text = (await File.ReadAllTextAsync(Brunel)).Replace("../../../shared", SharedPaths.Shared, StringComparison.Ordinal);
            var bad = text.Replace("synParams: {section: [dend, soma]", "synParams: {section: [nosuchsection]", StringComparison.Ordinal);
            Assert.NotEqual(text, bad);
            var recipe = Path.Combine(root, "bad.yaml");
            await File.WriteAllTextAsync(recipe, bad);

            var o = await MpirunTests.RunMpiAsync(2, "run", recipe, "--tstop", "10", "--out", Path.Combine(root, "out"));
            Assert.NotEqual(0, o.ExitCode);
            Assert.True(o.Elapsed < TimeSpan.FromSeconds(10), $"took {o.Elapsed}");
            Assert.Contains("hlfp run: error: rank 1 failed: populations.IN cell 0", o.Stderr);
            Assert.Contains("no segment matches the section patterns", o.Stderr);
            Assert.DoesNotContain("wrote", o.Stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HybridLfp.Streaming.Tests.Distributed;

/// <summary>
/// The real thing: `mpirun --allow-run-as-root --oversubscribe -np 2 hlfp mpi-selftest` (Open MPI 4.1, installed by
/// scripts/prereqs.sh) against the single-process graph, and the fault drills. A few seconds each.
/// </summary>
public sealed partial class MpirunTests
{
    private const string Mpirun = "/usr/bin/mpirun";

    internal sealed record Outcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    private static string HlfpDll => Path.Combine(AppContext.BaseDirectory, "hlfp.dll");

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    internal static Task<Outcome> RunHlfpAsync(params string[] args) => RunAsync(Dotnet, [HlfpDll, .. args]);

    /// <summary>`hlfp ARGS` as its own process with <paramref name="environment"/> added to this process's variables.</summary>
    internal static Task<Outcome> RunHlfpAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Dotnet, [HlfpDll, .. args], environment);

    internal static Task<Outcome> RunMpiAsync(int ranks, params string[] args) =>
        RunAsync(Mpirun, ["--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), Dotnet, HlfpDll, .. args]);

    private static async Task<Outcome> RunAsync(string file, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(file != Mpirun || File.Exists(Mpirun), "Open MPI's mpirun is missing: run scripts/prereqs.sh");
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} hung for 60 s; stderr so far: {await stderr}");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    [GeneratedRegex("checksum ([0-9a-f]{64}) windows (\\d+) events (\\d+) cells (\\d+) cell-steps (\\d+)")]
    private static partial Regex ChecksumLine();

    private static string Checksum(Outcome o)
    {
        Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}\n{o.Stdout}\n{o.Stderr}");
        var m = ChecksumLine().Match(o.Stdout);
        Assert.True(m.Success, o.Stdout);
        Assert.Equal("30", m.Groups[2].Value);   // 30 ms in 1 ms windows
        Assert.Equal("20", m.Groups[4].Value);   // 13 + 7 cells
        Assert.Equal("6000", m.Groups[5].Value); // 20 cells × 300 steps
        return m.Value;
    }

    [Fact]
    public async Task Two_and_three_mpi_ranks_give_the_single_process_output_bit_for_bit()
    {
        var local = await RunHlfpAsync("mpi-selftest", "--local");       // StreamingGraph, no MPI
        var singleton = await RunHlfpAsync("mpi-selftest");              // MPI singleton, 1 rank
        var two = await RunMpiAsync(2, "mpi-selftest");
        var three = await RunMpiAsync(3, "mpi-selftest");

        Assert.Equal(Checksum(local), Checksum(singleton));
        Assert.Equal(Checksum(local), Checksum(two));
        Assert.Equal(Checksum(local), Checksum(three));
        Assert.Contains("mpi: 2 rank(s), collectives ok", two.Stdout);
        // Rank 0 alone prints: one result line, and per-rank timings for both ranks.
        Assert.Single(ChecksumLine().Matches(two.Stdout));
        Assert.Contains("rank 0: 3 batches, 9 cells", two.Stdout);
        Assert.Contains("rank 1: 5 batches, 11 cells", two.Stdout);
    }

    [Fact]
    public async Task An_exception_on_one_rank_ends_the_job_with_that_ranks_message()
    {
        var o = await RunMpiAsync(2, "mpi-selftest", "--fail-rank", "1");
        Assert.NotEqual(0, o.ExitCode);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(10), $"took {o.Elapsed}");
        Assert.Contains("rank 1 failed: population A, cells 9–11, window 3", o.Stderr);
        Assert.Contains("self-test fault injected", o.Stderr);
        Assert.DoesNotContain("checksum", o.Stdout);
    }

    [Fact]
    public async Task A_killed_rank_ends_every_rank_within_10_s()
    {
        var o = await RunMpiAsync(2, "mpi-selftest", "--kill-rank", "1");
        Assert.NotEqual(0, o.ExitCode);
        Assert.True(o.Elapsed < TimeSpan.FromSeconds(10), $"took {o.Elapsed}");
        Assert.DoesNotContain("checksum", o.Stdout);
    }
}

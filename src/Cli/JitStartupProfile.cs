using System.Runtime;

namespace HybridLfp.Streaming.Cli;

/// <summary>
/// .NET's multi-core JIT (<see cref="ProfileOptimization"/>) for one `hlfp` command: a run records which methods it had
/// to compile at run time (generic instantiations and the kernels that ReadyToRun leaves to the JIT) in a small profile
/// file, and the next run of the same command compiles them ahead on a spare core while the main thread reads the
/// recipe and builds cells. Only start-up time changes (≈ 13 % of the brunel example's wall time), never results.
/// <para>
/// The profile lives in <c>$HLFP_JIT_PROFILE_DIR</c>, else <c>$XDG_CACHE_HOME/hybridlfp</c>, else
/// <c>~/.cache/hybridlfp</c>; <c>HLFP_JIT_PROFILE=0</c> turns it off. The runtime ignores a profile written by another
/// build. Each process plays back a private copy and records into it; <see cref="Dispose"/> writes it and renames it
/// over the shared file, so concurrent runs (and MPI ranks, which keep one profile per rank) never write the same file.
/// A folder that cannot be written just leaves the optimization off.
/// </para>
/// </summary>
internal sealed class JitStartupProfile : IDisposable
{
    private static readonly TimeSpan StaleScratchAge = TimeSpan.FromDays(1);

    private readonly string _profile;
    private readonly string _scratch;

    private JitStartupProfile(string profile, string scratch)
    {
        _profile = profile;
        _scratch = scratch;
    }

    /// <summary>Starts playback and recording for <paramref name="command"/> (a registered command name), or returns null when off.</summary>
    public static JitStartupProfile? Start(string command)
    {
        if (Environment.GetEnvironmentVariable("HLFP_JIT_PROFILE") == "0" || Folder() is not { } folder)
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(folder);
            var rank = Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_RANK") ?? Environment.GetEnvironmentVariable("PMI_RANK");
            var name = rank is null ? $"hlfp-{command}.jitprofile" : $"hlfp-{command}.rank{rank}.jitprofile";
            var profile = Path.Combine(folder, name);
            var scratch = $"{profile}.{Environment.ProcessId}.tmp";
            RemoveStaleScratch(folder);
            if (File.Exists(profile))
            {
                File.Copy(profile, scratch, overwrite: true);
            }

            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(Path.GetFileName(scratch));
            return new JitStartupProfile(profile, scratch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // only start-up speed is lost
        }
    }

    /// <summary>Stops recording (the runtime writes the private copy now) and publishes it as the command's profile.</summary>
    public void Dispose()
    {
        try
        {
            ProfileOptimization.StartProfile(null);
            if (File.Exists(_scratch))
            {
                File.Move(_scratch, _profile, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // keep the previous profile
        }
    }

    private static string? Folder()
    {
        if (Environment.GetEnvironmentVariable("HLFP_JIT_PROFILE_DIR") is { Length: > 0 } explicitFolder)
        {
            return explicitFolder;
        }

        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache)
        {
            return Path.Combine(cache, "hybridlfp");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "hybridlfp") : null;
    }

    // Private copies left by processes that were killed before Dispose.
    private static void RemoveStaleScratch(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "hlfp-*.jitprofile.*.tmp"))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > StaleScratchAge)
            {
                File.Delete(file);
            }
        }
    }
}

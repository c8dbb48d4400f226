namespace HybridLfp.Streaming.Tests.Support;

/// <summary>
/// Locates the repository root (the folder holding HybridLfp.Streaming.sln) and the read-only `../shared` folder
/// that travels beside every checkout. Tests read shared files in place; they never copy them into the repo.
/// </summary>
public static class SharedPaths
{
    private static readonly Lazy<string> s_repoRoot = new(FindRepoRoot);

    /// <summary>Absolute path of the repository root.</summary>
    public static string RepoRoot => s_repoRoot.Value;

    /// <summary>Absolute path of `../shared` next to the repository.</summary>
    public static string Shared
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            if (!Directory.Exists(path))
            {
                throw new DirectoryNotFoundException($"The shared folder is expected beside the checkout at {path}.");
            }

            return path;
        }
    }

    /// <summary>Path of a file under `../shared`, e.g. <c>Of("reference", "cases", "bs_expsyni.json")</c>.</summary>
    public static string Of(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HybridLfp.Streaming.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find HybridLfp.Streaming.sln above the test binaries.");
    }
}

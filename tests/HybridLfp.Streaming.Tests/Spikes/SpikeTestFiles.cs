namespace HybridLfp.Streaming.Tests.Spikes;

/// <summary>A temporary folder deleted after the test.</summary>
internal sealed class SpikeTestFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("hlfp-spikes-test-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Counts lines skipped under <see cref="MalformedLinePolicy.SkipAndCount"/> and keeps the first messages, so no
/// data is dropped silently. Threading: safe for concurrent readers.
/// </summary>
public sealed class MalformedLineReport
{
    /// <summary>How many messages are kept.</summary>
    public const int MaxMessages = 20;

    private readonly Lock _gate = new();
    private readonly List<string> _messages = [];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyList<string> FirstMessages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    public void Add(string file, long line, string message)
    {
        Interlocked.Increment(ref _count);
        lock (_gate)
        {
            if (_messages.Count < MaxMessages)
            {
                _messages.Add($"{file}:{line}: {message}");
            }
        }
    }
}

namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>One process, one rank: every collective is a copy or the identity. Stateless.</summary>
public sealed class LocalContext : IDistributedContext
{
    public static LocalContext Instance { get; } = new();

    public int Rank => 0;

    public int Size => 1;

    public string Kind => "local";

    public void Barrier()
    {
    }

    public void Broadcast(Span<byte> data, int root) => CheckRoot(root);

    public void Broadcast(Span<double> data, int root) => CheckRoot(root);

    public void GatherV(ReadOnlySpan<double> send, Span<double> receive, ReadOnlySpan<int> countsByRank, int root)
    {
        CheckRoot(root);
        if (countsByRank.Length != 1 || countsByRank[0] != send.Length)
        {
            throw new ArgumentException($"one rank sends {send.Length} values but the counts say [{string.Join(", ", countsByRank.ToArray())}]");
        }

        send.CopyTo(receive);
    }

    public long AllReduceMax(long value) => value;

    public void AllReduceMax(Span<long> values)
    {
    }

    public void Abort(string message, int exitCode) => throw new DistributedAbortException(0, message);

    private static void CheckRoot(int root)
    {
        if (root != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(root), $"root {root} outside the single rank 0");
        }
    }
}

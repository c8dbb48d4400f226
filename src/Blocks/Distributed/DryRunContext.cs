namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>One simulated rank of a <see cref="DryRunWorld"/>. Used by that rank's thread only.</summary>
public sealed class DryRunContext : IDistributedContext
{
    private readonly DryRunWorld _world;

    internal DryRunContext(DryRunWorld world, int rank)
    {
        _world = world;
        Rank = rank;
    }

    public int Rank { get; }

    public int Size => _world.Size;

    public string Kind => "dry-run";

    public void Barrier() => _world.Exchange<object?>(Rank, null, _ => null);

    public void Broadcast(Span<byte> data, int root)
    {
        var value = _world.Exchange(Rank, Rank == root ? data.ToArray() : null, slots => (byte[])slots[root]!);
        CheckLength(value.Length, data.Length, root);
        value.CopyTo(data);
    }

    public void Broadcast(Span<double> data, int root)
    {
        var value = _world.Exchange(Rank, Rank == root ? data.ToArray() : null, slots => (double[])slots[root]!);
        CheckLength(value.Length, data.Length, root);
        value.CopyTo(data);
    }

    public void GatherV(ReadOnlySpan<double> send, Span<double> receive, ReadOnlySpan<int> countsByRank, int root)
    {
        var parts = _world.Exchange(Rank, send.ToArray(), slots => Rank == root ? slots.Select(s => (double[])s!).ToArray() : null);
        if (parts is null)
        {
            return;
        }

        var offset = 0;
        for (var r = 0; r < parts.Length; r++)
        {
            if (parts[r].Length != countsByRank[r])
            {
                throw new ArgumentException($"rank {r} sent {parts[r].Length} values, the root expected {countsByRank[r]}");
            }

            parts[r].CopyTo(receive[offset..]);
            offset += parts[r].Length;
        }
    }

    public long AllReduceMax(long value) => _world.Exchange(Rank, value, slots => slots.Max(s => (long)s!));

    public void AllReduceMax(Span<long> values)
    {
        var length = values.Length;
        var max = _world.Exchange(Rank, values.ToArray(), slots =>
        {
            var result = Enumerable.Repeat(long.MinValue, length).ToArray();
            foreach (var slot in slots)
            {
                var v = (long[])slot!;
                if (v.Length != length)
                {
                    throw new ArgumentException($"all-reduce of {length} values meets one of {v.Length}");
                }

                for (var i = 0; i < length; i++)
                {
                    result[i] = Math.Max(result[i], v[i]);
                }
            }

            return result;
        });
        max.CopyTo(values);
    }

    public void Abort(string message, int exitCode)
    {
        _world.Abort(Rank, message);
        throw new DistributedAbortException(Rank, message);
    }

    private static void CheckLength(int sent, int expected, int root)
    {
        if (sent != expected)
        {
            throw new ArgumentException($"broadcast from rank {root} carries {sent} elements, this rank expected {expected}");
        }
    }
}

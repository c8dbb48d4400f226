namespace HybridLfp.Streaming.Blocks.Spikes;

/// <summary>
/// Append-only list of population names of one source; <see cref="SpikeEvent.Population"/> indexes it. Sources may
/// discover names while reading (CSV), so the table can grow; an index, once given, never changes.
/// Threading: safe for one writer and concurrent readers.
/// </summary>
public sealed class SpikePopulationTable
{
    private readonly Lock _gate = new();
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);

    public SpikePopulationTable()
    {
    }

    public SpikePopulationTable(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            GetOrAdd(name);
        }
    }

    /// <summary>Number of names so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _names.Count;
            }
        }
    }

    public string this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _names[index];
            }
        }
    }

    /// <summary>Index of <paramref name="name"/>, adding it at the end when new.</summary>
    public int GetOrAdd(string name)
    {
        lock (_gate)
        {
            if (_indices.TryGetValue(name, out int index))
            {
                return index;
            }

            index = _names.Count;
            if (index > SpikeEvent.MaxPopulation)
            {
                throw new InvalidOperationException($"more than {SpikeEvent.MaxPopulation + 1} populations in one spike source");
            }

            _names.Add(name);
            _indices.Add(name, index);
            return index;
        }
    }

    /// <summary>The names so far, in index order.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return _names.ToArray();
        }
    }
}

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>A synaptic event for a cell batch: cell (index within the batch), synapse of that cell, arrival time (ms, spike time + delay).</summary>
public readonly record struct BatchEvent(int Cell, int Synapse, double TimeMs) : IComparable<BatchEvent>
{
    /// <summary>Order: time, then cell, then synapse (a total order on distinct events, so sorting is deterministic).</summary>
    public int CompareTo(BatchEvent other)
    {
        var c = TimeMs.CompareTo(other.TimeMs);
        if (c != 0)
        {
            return c;
        }

        c = Cell.CompareTo(other.Cell);
        return c != 0 ? c : Synapse.CompareTo(other.Synapse);
    }
}

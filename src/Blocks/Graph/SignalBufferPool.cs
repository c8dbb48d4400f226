using System.Collections.Concurrent;

namespace HybridLfp.Streaming.Blocks.Graph;

/// <summary>
/// Pool of exact-length double arrays for window buffers, so nothing is allocated per window in steady state.
/// Thread-safe. <see cref="Outstanding"/> counts rented arrays not yet returned (tests assert it returns to 0).
/// </summary>
public sealed class SignalBufferPool
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<double[]>> _free = new();
    private int _outstanding;

    /// <summary>Arrays rented and not returned.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>A zeroed array of exactly <paramref name="length"/> elements.</summary>
    public double[] Rent(int length)
    {
        Interlocked.Increment(ref _outstanding);
        if (_free.TryGetValue(length, out var bag) && bag.TryTake(out var array))
        {
            Array.Clear(array);
            return array;
        }

        return new double[length];
    }

    public void Return(double[] array)
    {
        Interlocked.Decrement(ref _outstanding);
        _free.GetOrAdd(array.Length, _ => []).Add(array);
    }
}

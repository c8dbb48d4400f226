using System.Text;

namespace HybridLfp.Streaming.Numerics.Randomness;

/// <summary>
/// A hash of names that is the same in every process, run and platform (string.GetHashCode is randomized per
/// process, so it must never key random streams). FNV-1a over UTF-8 bytes, then a SplitMix64 finalizer for
/// avalanche.
/// </summary>
public static class StableHash
{
    /// <summary>64-bit stable hash of <paramref name="text"/>.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0xCBF29CE484222325ul;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 0x100000001B3ul;
        }

        return Mix(hash);
    }

    /// <summary>SplitMix64's finalizer (Steele, Lea &amp; Flood 2014): a bijection with good avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }
}

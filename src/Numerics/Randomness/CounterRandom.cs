namespace HybridLfp.Streaming.Numerics.Randomness;

/// <summary>
/// A random stream that is a pure function of (seed, population, cell index, purpose): Philox4x32-10 with
/// key = mix(seed, hash(population)) and counter = (block index low, block index high, cell index, purpose).
/// Two streams with the same four coordinates produce the same numbers in any thread, rank or order.
/// Mutable struct (it advances a block counter): owned by one builder call, never shared between threads.
/// </summary>
public struct CounterRandom
{
    private readonly uint _key0;
    private readonly uint _key1;
    private readonly uint _cell;
    private readonly uint _purpose;
    private ulong _block;
    private uint _b0, _b1, _b2, _b3;
    private int _used; // words of the current block already consumed (4 = need a new block)
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Stream for <paramref name="purpose"/> of cell <paramref name="cellIndex"/> of <paramref name="population"/>.</summary>
    public CounterRandom(ulong seed, string population, long cellIndex, DrawPurpose purpose)
        : this(seed, StableHash.Of(population), cellIndex, purpose)
    {
    }

    /// <summary>Stream keyed by a precomputed population hash (see <see cref="StableHash.Of"/>).</summary>
    public CounterRandom(ulong seed, ulong populationHash, long cellIndex, DrawPurpose purpose)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cellIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cellIndex, uint.MaxValue);
        var key = StableHash.Mix(seed ^ StableHash.Mix(populationHash + 0x9E3779B97F4A7C15ul));
        _key0 = (uint)key;
        _key1 = (uint)(key >> 32);
        _cell = (uint)cellIndex;
        _purpose = (uint)purpose;
        _block = 0;
        _b0 = _b1 = _b2 = _b3 = 0;
        _used = 4;
        _spareNormal = 0;
        _hasSpareNormal = false;
    }

    /// <summary>Next uniformly distributed 32-bit word.</summary>
    public uint NextUInt32()
    {
        if (_used == 4)
        {
            (_b0, _b1, _b2, _b3) = Philox4x32.Block((uint)_block, (uint)(_block >> 32), _cell, _purpose, _key0, _key1);
            _block++;
            _used = 0;
        }

        return _used++ switch
        {
            0 => _b0,
            1 => _b1,
            2 => _b2,
            _ => _b3,
        };
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits (two words: 27 + 26 bits).</summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5; // 27 bits
        var b = NextUInt32() >> 6; // 26 bits
        return ((a * 67108864.0) + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>Uniform double in [low, high).</summary>
    public double NextUniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>
    /// Standard normal by the Box–Muller transform: u1 ∈ (0, 1], u2 ∈ [0, 1); z0 = √(−2 ln u1)·cos(2πu2),
    /// z1 = √(−2 ln u1)·sin(2πu2). Both values are used (z1 is kept for the next call), so draws come in pairs.
    /// </summary>
    public double NextStandardNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        var u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        var u2 = NextDouble();
        var radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var angle = 2.0 * Math.PI * u2;
        _spareNormal = radius * Math.Sin(angle);
        _hasSpareNormal = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Normal with mean <paramref name="mean"/> and standard deviation <paramref name="stdDev"/>.</summary>
    public double NextNormal(double mean, double stdDev) => mean + (stdDev * NextStandardNormal());

    /// <summary>
    /// Uniform integer in [0, <paramref name="count"/>) without modulo bias (Lemire's multiply-and-reject on
    /// 32-bit words; counts above 2³² use 64-bit products of two words).
    /// </summary>
    public long NextIndex(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count <= uint.MaxValue)
        {
            var range = (uint)count;
            var m = (ulong)NextUInt32() * range;
            var low = (uint)m;
            if (low < range)
            {
                // (2³² − range) mod range, in 64-bit arithmetic (unary minus on a uint would widen to long).
                var threshold = (uint)((0x1_0000_0000L - range) % range);
                while (low < threshold)
                {
                    m = (ulong)NextUInt32() * range;
                    low = (uint)m;
                }
            }

            return (long)(m >> 32);
        }

        // Rare path: rejection on 64-bit values.
        var r = (ulong)count;
        var limit = ulong.MaxValue - (ulong.MaxValue % r);
        ulong x;
        do
        {
            x = ((ulong)NextUInt32() << 32) | NextUInt32();
        }
        while (x >= limit);
        return (long)(x % r);
    }

    /// <summary>Uniform integer in [<paramref name="lowInclusive"/>, <paramref name="highExclusive"/>).</summary>
    public long NextInRange(long lowInclusive, long highExclusive)
    {
        if (highExclusive <= lowInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(highExclusive), $"empty range [{lowInclusive}, {highExclusive})");
        }

        return lowInclusive + NextIndex(highExclusive - lowInclusive);
    }
}

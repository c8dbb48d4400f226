namespace HybridLfp.Streaming.Numerics.Randomness;

/// <summary>
/// The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror &amp; Shaw, SC'11; the generator of
/// Random123): a keyed bijection of a 128-bit counter. Pure and stateless, so a draw is a function of (key, counter)
/// only; this is what makes every random quantity of a cell independent of which thread or rank computes it.
/// </summary>
public static class Philox4x32
{
    // Multipliers and Weyl key increments of the Philox4x32 family (published constants).
    private const uint M0 = 0xD2511F53u;
    private const uint M1 = 0xCD9E8D57u;
    private const uint W0 = 0x9E3779B9u;
    private const uint W1 = 0xBB67AE85u;

    /// <summary>Ten rounds of Philox4x32 on counter (c0..c3) with key (k0, k1).</summary>
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (var round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            var p0 = (ulong)M0 * c0;
            var p1 = (ulong)M1 * c2;
            var hi0 = (uint)(p0 >> 32);
            var lo0 = (uint)p0;
            var hi1 = (uint)(p1 >> 32);
            var lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }

        return (c0, c1, c2, c3);
    }
}

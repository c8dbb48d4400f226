using System.Globalization;
using System.Numerics;

namespace HybridLfp.Streaming.Numerics.Morphology;

/// <summary>
/// C <c>printf("%.Ng")</c> followed by <c>strtod</c>, done exactly: NEURON's Import3d writes every pt3d value into a
/// hoc command with <c>%.8g</c> and hoc parses it back as a double before <c>pt3dadd</c> stores it as a float. The
/// decimal is the exact binary value rounded to N significant digits, ties to even (glibc's default rounding mode).
/// </summary>
internal static class PrintfRounding
{
    private static readonly BigInteger s_ten = new(10);

    /// <summary>The double hoc reads back after <c>sprint("%.{digits}g", value)</c>.</summary>
    public static double ThroughPercentG(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var negative = value < 0;
        var magnitude = Math.Abs(value);

        // magnitude = mantissa * 2^exponent exactly.
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExponent == 0)
        {
            rawExponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var exponent = rawExponent - 1075;
        var numerator = new BigInteger(mantissa);
        var denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        // Decimal exponent E with 10^E <= magnitude < 10^(E+1); the estimate from Log10 is corrected below.
        var decimalExponent = (int)Math.Floor(Math.Log10(magnitude));
        BigInteger digitsValue;
        while (true)
        {
            var shift = digits - 1 - decimalExponent;
            var num = numerator;
            var den = denominator;
            if (shift >= 0)
            {
                num *= BigInteger.Pow(s_ten, shift);
            }
            else
            {
                den *= BigInteger.Pow(s_ten, -shift);
            }

            var quotient = BigInteger.DivRem(num, den, out var remainder);
            var lower = BigInteger.Pow(s_ten, digits - 1);
            var upper = lower * s_ten;
            if (quotient < lower)
            {
                decimalExponent--;
                continue;
            }

            if (quotient >= upper)
            {
                decimalExponent++;
                continue;
            }

            var twice = remainder * 2;
            var cmp = twice.CompareTo(den);
            if (cmp > 0 || (cmp == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }

            digitsValue = quotient;
            break;
        }

        var text = digitsValue.ToString(CultureInfo.InvariantCulture) + "E"
            + (decimalExponent - (digits - 1)).ToString(CultureInfo.InvariantCulture);
        var result = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return negative ? -result : result;
    }

    /// <summary>What hoc's <c>pt3dadd</c> stores for a value Import3d printed with <c>%.8g</c>.</summary>
    public static float Pt3dFromImport3d(double value) => (float)ThroughPercentG(value, 8);
}

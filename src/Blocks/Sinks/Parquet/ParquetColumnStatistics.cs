using System.Buffers.Binary;

namespace HybridLfp.Streaming.Blocks.Sinks.Parquet;

/// <summary>
/// Running min/max of one column chunk, encoded at the end as Parquet's min_value/max_value (PLAIN bytes of the
/// value). Order is the TypeDefinedOrder: signed for integers; IEEE order for doubles with NaN ignored and a zero
/// minimum written as −0.0, a zero maximum as +0.0 (as the spec asks); unsigned byte-wise for UTF-8 strings.
/// </summary>
internal sealed class ParquetColumnStatistics
{
    private long _minInteger;
    private long _maxInteger;
    private double _minDouble;
    private double _maxDouble;
    private byte[] _minBytes = [];
    private byte[] _maxBytes = [];
    private int _minBytesLength;
    private int _maxBytesLength;
    private bool _hasValue;

    public ParquetColumnType Type { get; private set; }

    public void Reset(ParquetColumnType type)
    {
        Type = type;
        _hasValue = false;
    }

    public void AddInteger(long value)
    {
        if (!_hasValue)
        {
            _minInteger = _maxInteger = value;
            _hasValue = true;
            return;
        }

        if (value < _minInteger)
        {
            _minInteger = value;
        }

        if (value > _maxInteger)
        {
            _maxInteger = value;
        }
    }

    public void AddDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        if (!_hasValue)
        {
            _minDouble = _maxDouble = value;
            _hasValue = true;
            return;
        }

        if (value < _minDouble)
        {
            _minDouble = value;
        }

        if (value > _maxDouble)
        {
            _maxDouble = value;
        }
    }

    public void AddBytes(ReadOnlySpan<byte> value)
    {
        if (!_hasValue)
        {
            Store(ref _minBytes, ref _minBytesLength, value);
            Store(ref _maxBytes, ref _maxBytesLength, value);
            _hasValue = true;
            return;
        }

        if (value.SequenceCompareTo(_minBytes.AsSpan(0, _minBytesLength)) < 0)
        {
            Store(ref _minBytes, ref _minBytesLength, value);
        }

        if (value.SequenceCompareTo(_maxBytes.AsSpan(0, _maxBytesLength)) > 0)
        {
            Store(ref _maxBytes, ref _maxBytesLength, value);
        }
    }

    /// <summary>The encoded (min, max), or nulls when there is no non-NaN value.</summary>
    public (byte[]? Min, byte[]? Max) Encode()
    {
        if (!_hasValue)
        {
            return (null, null);
        }

        switch (Type)
        {
            case ParquetColumnType.Int32:
            {
                var min = new byte[4];
                var max = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(min, (int)_minInteger);
                BinaryPrimitives.WriteInt32LittleEndian(max, (int)_maxInteger);
                return (min, max);
            }

            case ParquetColumnType.Int64:
            {
                var min = new byte[8];
                var max = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(min, _minInteger);
                BinaryPrimitives.WriteInt64LittleEndian(max, _maxInteger);
                return (min, max);
            }

            case ParquetColumnType.Double:
            {
                var min = new byte[8];
                var max = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(min, _minDouble == 0 ? -0.0 : _minDouble);
                BinaryPrimitives.WriteDoubleLittleEndian(max, _maxDouble == 0 ? 0.0 : _maxDouble);
                return (min, max);
            }

            default:
                return (_minBytes.AsSpan(0, _minBytesLength).ToArray(), _maxBytes.AsSpan(0, _maxBytesLength).ToArray());
        }
    }

    private static void Store(ref byte[] target, ref int length, ReadOnlySpan<byte> value)
    {
        if (target.Length < value.Length)
        {
            target = new byte[value.Length];
        }

        value.CopyTo(target);
        length = value.Length;
    }
}

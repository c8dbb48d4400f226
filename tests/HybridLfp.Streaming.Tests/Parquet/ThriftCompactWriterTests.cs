using System.Buffers;
using HybridLfp.Streaming.Blocks.Sinks.Parquet;
using HybridLfp.Streaming.Blocks.Sinks.Parquet.Thrift;

namespace HybridLfp.Streaming.Tests.Parquet;

/// <summary>
/// Byte-for-byte checks of the Thrift compact encoder on small examples computed by hand from the protocol spec:
/// field header = (delta &lt;&lt; 4) | type when 0 &lt; delta ≤ 15, else type then zigzag varint id; i32/i64 zigzag
/// ULEB128; binary = varint length + bytes; list header = (size &lt;&lt; 4) | type when size &lt; 15, else 0xF0 | type
/// then varint size; bool fields carry the value in the type nibble (1 true, 2 false); struct ends with 0x00.
/// </summary>
public sealed class ThriftCompactWriterTests
{
    private static byte[] Encode(Action<ThriftCompactWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ThriftCompactWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void I32_field_uses_short_header_and_zigzag_varint()
    {
        // field 1, type 5 → 0x15; zigzag(1) = 2.
        Assert.Equal([0x15, 0x02, 0x00], Encode(w => { w.WriteStructBegin(); w.WriteI32Field(1, 1); w.WriteStructEnd(); }));
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(-1, new byte[] { 0x01 })]
    [InlineData(1, new byte[] { 0x02 })]
    [InlineData(-64, new byte[] { 0x7F })]
    [InlineData(64, new byte[] { 0x80, 0x01 })] // zigzag 128
    [InlineData(150, new byte[] { 0xAC, 0x02 })] // zigzag 300 = 0b10_0101100
    [InlineData(int.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F })] // zigzag 2^32 − 2
    [InlineData(int.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })] // zigzag 2^32 − 1
    public void I32_zigzag_varints(int value, byte[] expected)
    {
        Assert.Equal(expected, Encode(w => w.WriteI32(value)));
    }

    [Fact]
    public void I64_zigzag_varints()
    {
        // zigzag(2^40) = 2^41: five 7-bit groups of zeros then 2^(41−35) = 0x40.
        Assert.Equal([0x80, 0x80, 0x80, 0x80, 0x80, 0x40], Encode(w => w.WriteI64(1L << 40)));
        // zigzag(long.MinValue) = 2^64 − 1: nine 0xFF then 0x01.
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], Encode(w => w.WriteI64(long.MinValue)));
        Assert.Equal([0x05], Encode(w => w.WriteI64(-3)));
    }

    [Fact]
    public void Field_deltas_short_and_long_form()
    {
        var bytes = Encode(w =>
        {
            w.WriteStructBegin();
            w.WriteI32Field(1, 7);    // 0x15 0x0E
            w.WriteI64Field(3, -3);   // delta 2, type 6 → 0x26; zigzag(−3) = 5
            w.WriteI32Field(20, 1);   // delta 17 > 15 → long form: 0x05, zigzag(20) = 40 = 0x28, value 0x02
            w.WriteI32Field(21, 0);   // delta 1 from 20 → 0x15 0x00
            w.WriteStructEnd();
        });
        Assert.Equal([0x15, 0x0E, 0x26, 0x05, 0x05, 0x28, 0x02, 0x15, 0x00, 0x00], bytes);
    }

    [Fact]
    public void Binary_string_and_bool_fields()
    {
        var bytes = Encode(w =>
        {
            w.WriteStructBegin();
            w.WriteBoolField(1, true);          // 0x11
            w.WriteBoolField(2, false);         // delta 1, type 2 → 0x12
            w.WriteStringField(4, "PAR1");      // delta 2, type 8 → 0x28, length 4
            w.WriteStringField(5, "µ");         // 0x18, UTF-8 C2 B5
            w.WriteBinaryField(6, [0x00, 0xFF]); // 0x18, 0x02, bytes
            w.WriteStructEnd();
        });
        Assert.Equal(
            [0x11, 0x12, 0x28, 0x04, (byte)'P', (byte)'A', (byte)'R', (byte)'1', 0x18, 0x02, 0xC2, 0xB5, 0x18, 0x02, 0x00, 0xFF, 0x00],
            bytes);
    }

    [Fact]
    public void Lists_short_and_long_headers()
    {
        var shortList = Encode(w =>
        {
            w.WriteStructBegin();
            w.WriteListFieldBegin(1, ThriftCompactType.I32, 3); // 0x19, (3 << 4) | 5 = 0x35
            w.WriteI32(1);
            w.WriteI32(2);
            w.WriteI32(3);
            w.WriteStructEnd();
        });
        Assert.Equal([0x19, 0x35, 0x02, 0x04, 0x06, 0x00], shortList);

        var longList = Encode(w => w.WriteListBegin(ThriftCompactType.Struct, 20)); // 0xFC, varint 20
        Assert.Equal([0xFC, 0x14], longList);
        Assert.Equal([0xEC], Encode(w => w.WriteListBegin(ThriftCompactType.Struct, 14)));
    }

    [Fact]
    public void Nested_struct_restores_the_outer_field_id()
    {
        var bytes = Encode(w =>
        {
            w.WriteStructBegin();
            w.WriteStructFieldBegin(1); // 0x1C
            w.WriteI32Field(5, 5);      // inner delta 5 → 0x55 0x0A
            w.WriteStructEnd();         // 0x00
            w.WriteI32Field(2, 7);      // outer delta 1 (from field 1, not 5) → 0x15 0x0E
            w.WriteStructEnd();
        });
        Assert.Equal([0x1C, 0x55, 0x0A, 0x00, 0x15, 0x0E, 0x00], bytes);
    }

    [Fact]
    public void Data_page_header_matches_hand_encoding()
    {
        // PageHeader{type=DATA_PAGE(0), uncompressed=16, compressed=16,
        //   data_page_header{num_values=2, encoding=PLAIN(0), def=RLE(3), rep=RLE(3)}}
        var buffer = new ArrayBufferWriter<byte>();
        ParquetMetadataEncoder.WriteDataPageHeader(buffer, valueCount: 2, uncompressedBytes: 16, compressedBytes: 16);
        Assert.Equal(
            [0x15, 0x00, 0x15, 0x20, 0x15, 0x20, 0x2C, 0x15, 0x04, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00],
            buffer.WrittenSpan.ToArray());
    }
}

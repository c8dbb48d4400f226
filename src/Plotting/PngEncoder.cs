using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HybridLfp.Streaming.Plotting;

/// <summary>
/// Minimal PNG writer: 8-bit RGB, no interlace, filter type 0 on every scan line, one zlib-compressed IDAT chunk
/// (PNG specification, ISO/IEC 15948). Used to embed colour images in SVG as data URIs.
/// </summary>
public static class PngEncoder
{
    private static readonly uint[] s_crcTable = BuildCrcTable();

    /// <summary>Encodes <paramref name="pixels"/> (<c>[row][column]</c>, row 0 at the top) as a PNG file.</summary>
    public static byte[] Encode(Rgb[][] pixels)
    {
        var height = pixels.Length;
        var width = height == 0 ? 0 : pixels[0].Length;
        if (width == 0 || pixels.Any(r => r.Length != width))
        {
            throw new ArgumentException("a PNG image needs at least one pixel and rows of equal length", nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour RGB
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var line = new byte[1 + 3 * width];
            foreach (var row in pixels)
            {
                line[0] = 0; // filter: none
                for (var x = 0; x < width; x++)
                {
                    line[1 + 3 * x] = row[x].R;
                    line[2 + 3 * x] = row[x].G;
                    line[3 + 3 * x] = row[x].B;
                }

                zlib.Write(line);
            }
        }

        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The PNG as a <c>data:image/png;base64,…</c> URI.</summary>
    public static string ToDataUri(Rgb[][] pixels) => "data:image/png;base64," + Convert.ToBase64String(Encode(pixels));

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)data.Length);
        output.Write(buffer);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        output.Write(buffer);
    }

    /// <summary>CRC-32 (polynomial 0xEDB88320, reflected) update; start with 0xFFFFFFFF and invert at the end.</summary>
    internal static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

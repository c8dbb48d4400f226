using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Morphology;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>Bad SWC and hoc input: an <see cref="InputException"/> naming file, line and what is wrong.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 0 10 1\n", 2, "expected 7 columns")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 0 10 1 1 7\n", 2, "expected 7 columns")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 zero 10 1 1\n", 2, "column 4 ('zero') is not a finite number")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 0 10 1 7\n", 2, "parent id 7 of sample 2 is not smaller than its id")]
    [InlineData("# header\n1 1 0 0 0 5 2\n2 3 0 0 10 1 1\n", 2, "a cycle")]
    [InlineData("2 1 0 0 0 5 -1\n3 3 0 0 10 1 1\n", 2, "unknown parent id 1 of sample 3")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 0 10 -1 1\n", 2, "radius -1 of sample 2 is negative")]
    [InlineData("1 1 0 0 0 5 -1\n1 3 0 0 10 1 1\n", 2, "duplicate id 1")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 0 0 10 1 -1\n", 2, "second root")]
    [InlineData("1 1 0 0 0 5 -1\n2.5 3 0 0 10 1 1\n", 2, "id 2.5 is not an integer")]
    [InlineData("# only a header\n\n", 0, "no SWC samples")]
    public void MalformedSwc(string text, int line, string message)
    {
        var e = Assert.Throws<InputException>(() => SwcMorphologyReader.Read(text, "bad.swc"));
        Assert.Equal("bad.swc", e.InputName);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.StartsWith(line > 0 ? $"bad.swc:{line}: " : "bad.swc: ", e.Message);
    }

    [Theory]
    [InlineData("create soma\nsoma { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\ninsert pas\n", 3, "unsupported construct 'insert'")]
    [InlineData("create soma\nsoma { foo(1) }\n", 2, "unknown procedure or function 'foo'")]
    [InlineData("create soma\nsoma { pt3dadd(1,2,3,4 }\n", 2, "expected ')'")]
    [InlineData("connect dend(0), soma(1)\n", 1, "'dend' is not a section")]
    [InlineData("create soma, dend[4]\nconnect dend[4](0), soma(1)\n", 2, "dend[4] out of range")]
    [InlineData("create soma, dend\nsoma { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\n", 0, "section dend has 0 3-d point(s)")]
    [InlineData("create soma, dend\nconnect dend(0.5), soma(1)\n", 2, "must connect at position 0 or 1")]
    [InlineData("create soma\nsoma pt3dadd(0,0,0,-1)\n", 2, "negative diameter")]
    [InlineData("create soma\nsoma { for i = 1, 2 pt3dadd(fscan(), 0, 0, 1) }\n3\n", 2, "no more numbers")]
    [InlineData("create soma\nproc p() {\n  soma pt3dadd(0,0,0,1)\n", 4, "missing '}'")]
    [InlineData("create soma\nsoma { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\ndefine_shape()\n", 3, "unsupported construct 'define_shape()'")]
    [InlineData("create soma\nsoma { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) L = 5 }\n", 2, "would rescale them")]
    [InlineData("create a, b\na { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\nb { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\nconnect a(0), b(1)\nconnect b(0), a(1)\n", 0, "form a loop")]
    [InlineData("x = 1 +\n", 1, "unexpected end of line")]
    [InlineData("\nproc pt3dadd() { }\n", 2, "built-in function")]
    [InlineData("create soma\nsoma { pt3dadd(0,0,0,1) pt3dadd(1,0,0,1) }\nwhile (1) { }\n", 3, "endless loop")]
    public void MalformedHoc(string text, int line, string message)
    {
        var e = Assert.Throws<InputException>(() => HocMorphologyReader.Read(text, "bad.hoc"));
        Assert.Equal("bad.hoc", e.InputName);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }
}

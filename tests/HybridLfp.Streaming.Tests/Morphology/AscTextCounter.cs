using System.Globalization;
using System.Text.RegularExpressions;

namespace HybridLfp.Streaming.Tests.Morphology;

/// <summary>
/// A deliberately simple counter over Neurolucida text, independent of the reader: strips <c>;</c> comments, splits
/// into parentheses, bars, strings and words, and classifies each <c>(</c> by what follows it — a number (a point),
/// a string (a contour), a word (a property or marker, whose points are not part of a tree), or another <c>(</c>
/// (a tree at depth 0, a split inside a tree).
/// </summary>
internal static partial class AscTextCounter
{
    /// <summary>One tree: its type property, its points (x y z d), splits (branch points) and '|' separators.</summary>
    public sealed record Tree(string Type, List<double[]> Points, int Splits, int Bars)
    {
        /// <summary>Branches = sections Import3d makes: the root branch plus (bars + 1) per split.</summary>
        public int Branches => 1 + Splits + Bars;
    }

    public static (List<Tree> Trees, int SomaContourPoints) Count(string text)
    {
        var tokens = TokenRegex().Matches(CommentRegex().Replace(text, "")).Select(m => m.Value).ToList();
        var trees = new List<Tree>();
        var somaPoints = 0;
        var stack = new Stack<char>(); // T tree, S split, P point, N named group, C soma contour, O other contour
        string? type = null;
        List<double[]>? points = null;
        int splits = 0, bars = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var inNamed = stack.Contains('N');
            if (t == "(")
            {
                var next = i + 1 < tokens.Count ? tokens[i + 1] : ")";
                char kind;
                if (next == "(")
                {
                    kind = stack.Count == 0 ? 'T' : 'S';
                }
                else if (next[0] == '"')
                {
                    kind = next is "\"CellBody\"" or "\"Cell Body\"" or "\"Soma\"" ? 'C' : 'O';
                }
                else if (double.TryParse(next, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    kind = 'P';
                }
                else
                {
                    kind = 'N';
                }

                if (kind == 'T')
                {
                    (type, points, splits, bars) = ("", [], 0, 0);
                }
                else if (kind == 'S' && !inNamed && stack.Contains('T'))
                {
                    splits++;
                }
                else if (kind == 'N' && stack.Count == 1 && stack.Peek() == 'T' && next is "Axon" or "Dendrite" or "Apical")
                {
                    type = next;
                }
                else if (kind == 'P' && !inNamed && stack.Contains('T'))
                {
                    var values = new List<double>();
                    for (var k = i + 1; tokens[k] != ")"; k++)
                    {
                        values.Add(double.Parse(tokens[k], CultureInfo.InvariantCulture));
                    }

                    points!.Add([.. values]);
                }
                else if (kind == 'P' && !inNamed && stack.Count == 1 && stack.Peek() == 'C')
                {
                    somaPoints++;
                }

                stack.Push(kind);
            }
            else if (t == ")")
            {
                if (stack.Pop() == 'T')
                {
                    trees.Add(new Tree(type!, points!, splits, bars));
                }
            }
            else if (t == "|" && !inNamed && stack.Contains('T'))
            {
                bars++;
            }
        }

        return (trees, somaPoints);
    }

    [GeneratedRegex(";[^\\n]*")]
    private static partial Regex CommentRegex();

    [GeneratedRegex("\\(|\\)|\\||\"[^\"]*\"|[^\\s()|,\"]+")]
    private static partial Regex TokenRegex();
}

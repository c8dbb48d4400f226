namespace HybridLfp.Streaming.Numerics.Morphology.Neurolucida;

/// <summary>
/// Recursive-descent parser for Neurolucida V3 text following the productions of NEURON 8.2.2's
/// Import3d_Neurolucida3 (file → objects; object = contour | marker | property | tree | text | set). Semantic actions
/// as Import3d's: a contour named <c>CellBody</c>, <c>Cell Body</c> or <c>Soma</c> with more than two points becomes
/// a soma section; every branch of a tree becomes a section in depth-first (pre-)order, children in file order; a
/// child branch whose first point differs from its parent's last point starts with a copy of that point carrying
/// the child's first diameter; the tree's type comes from its last property (<c>Axon</c> 2, <c>Dendrite</c> 3,
/// <c>Apical</c> 4, anything else 0). Markers, spines, colours, names, <c>Normal</c>/<c>Incomplete</c>-style
/// branch ends, text labels, sets and other contours are parsed and ignored.
/// </summary>
internal sealed class AscParser
{
    private readonly List<AscToken> _tokens;
    private readonly string _sourceName;
    private readonly List<AscSection> _sections = [];
    private readonly List<AscPoint> _points = [];
    private string? _lastPropertyName;
    private AscSection? _parent;
    private int _pos;
    private int _treeCount;

    private AscParser(List<AscToken> tokens, string sourceName)
    {
        _tokens = tokens;
        _sourceName = sourceName;
    }

    /// <summary>Sections in Import3d's list order before <c>connect2soma</c> (file order, depth-first in trees).</summary>
    public static List<AscSection> Parse(string text, string sourceName)
    {
        var parser = new AscParser(AscLexer.Tokenize(text, sourceName), sourceName);
        parser.Objects(topLevel: true);
        return parser._sections;
    }

    private AscToken Cur => _tokens[_pos];

    private AscToken La1 => _tokens[Math.Min(_pos + 1, _tokens.Count - 1)];

    private AscToken La2 => _tokens[Math.Min(_pos + 2, _tokens.Count - 1)];

    private void Next()
    {
        if (_pos < _tokens.Count - 1)
        {
            _pos++;
        }
    }

    private InputException Error(string expected, AscToken? at = null)
    {
        var t = at ?? Cur;
        return new InputException(_sourceName, $"expected {expected}, found {t.Describe()}", t.Line);
    }

    private void Expect(AscTokenKind kind, string expected)
    {
        if (Cur.Kind != kind)
        {
            throw Error(expected);
        }
    }

    private void Consume(AscTokenKind kind, string expected)
    {
        Expect(kind, expected);
        Next();
    }

    private void OptionalComma()
    {
        if (Cur.Kind == AscTokenKind.Comma)
        {
            Next();
        }
    }

    private void Objects(bool topLevel)
    {
        Object();
        while (true)
        {
            OptionalComma();
            if (Cur.Kind != AscTokenKind.LeftParen)
            {
                break;
            }

            Object();
        }

        if (topLevel && Cur.Kind != AscTokenKind.EndOfFile)
        {
            throw Error(Cur.Kind == AscTokenKind.RightParen ? "'(' or end of file (unbalanced ')')" : "'(' or end of file");
        }
    }

    private void Object()
    {
        Expect(AscTokenKind.LeftParen, "'(' starting an object (contour, tree, marker or property)");
        switch (La1.Kind)
        {
            case AscTokenKind.String:
                Contour();
                break;
            case AscTokenKind.Label:
                MarkerOrProperty();
                break;
            case AscTokenKind.LeftParen:
                TreeOrText();
                break;
            case AscTokenKind.Set:
                SetObject();
                break;
            default:
                throw Error("a contour name string, a marker or property name, '(' or 'Set' after '('", La1);
        }
    }

    private void MarkerOrProperty()
    {
        if (La2.Kind == AscTokenKind.LeftParen)
        {
            Marker();
        }
        else
        {
            Property();
        }
    }

    // "( Name properties points )": a marker (Dot, Cross, FilledCircle, …) with its points; ignored.
    private void Marker()
    {
        Consume(AscTokenKind.LeftParen, "'('");
        Consume(AscTokenKind.Label, "a marker name");
        Properties();
        Points(record: false);
        Consume(AscTokenKind.RightParen, "')' closing the marker");
    }

    private void Properties()
    {
        _lastPropertyName = null;
        while (Cur.Kind == AscTokenKind.LeftParen && La1.Kind is AscTokenKind.Label or AscTokenKind.Set)
        {
            if (La1.Kind == AscTokenKind.Label)
            {
                Property();
            }
            else
            {
                SetObject();
            }

            OptionalComma();
        }
    }

    // "( Name values )", e.g. (Color Red), (Axon), (Name "Marker 3"), (Color RGB (255, 0, 0)).
    private void Property()
    {
        Consume(AscTokenKind.LeftParen, "'('");
        Expect(AscTokenKind.Label, "a property name");
        _lastPropertyName = Cur.Text;
        Next();
        while (true)
        {
            var kind = Cur.Kind;
            if (kind is AscTokenKind.Number or AscTokenKind.String or AscTokenKind.Label)
            {
                Next();
            }
            else if (kind == AscTokenKind.Rgb)
            {
                Next();
                Consume(AscTokenKind.LeftParen, "'(' after RGB");
                Consume(AscTokenKind.Number, "the red value of RGB");
                OptionalComma();
                Consume(AscTokenKind.Number, "the green value of RGB");
                OptionalComma();
                Consume(AscTokenKind.Number, "the blue value of RGB");
                Consume(AscTokenKind.RightParen, "')' closing RGB");
            }
            else
            {
                break;
            }
        }

        Consume(AscTokenKind.RightParen, "')' closing the property");
    }

    // "( Set "name" objects )": ignored (its objects are parsed, as Import3d does).
    private void SetObject()
    {
        Consume(AscTokenKind.LeftParen, "'('");
        Consume(AscTokenKind.Set, "'Set'");
        Consume(AscTokenKind.String, "the set's name string");
        if (Cur.Kind != AscTokenKind.RightParen)
        {
            Objects(topLevel: false);
        }

        Consume(AscTokenKind.RightParen, "')' closing the set");
    }

    private void Contour()
    {
        var open = Cur;
        Consume(AscTokenKind.LeftParen, "'('");
        var name = Cur.Text;
        Next();
        Properties();
        var begin = _points.Count;
        Points(record: true);
        var end = _points.Count;
        Consume(AscTokenKind.RightParen, "')' closing the contour (markers are not allowed in contours)");
        if (name is "CellBody" or "Cell Body" or "Soma" && end - begin > 2)
        {
            // Import3d ignores soma contours with fewer than three points (with a warning).
            _sections.Add(new AscSection
            {
                Points = _points.GetRange(begin, end - begin),
                Type = 1,
                IsContour = true,
                Line = open.Line,
            });
        }
    }

    // A tree and a text label both start "( properties point"; a text continues with a string and ')'.
    private void TreeOrText()
    {
        var start = _pos;
        var pointCount = _points.Count;
        if (TryText())
        {
            return;
        }

        _pos = start;
        _points.RemoveRange(pointCount, _points.Count - pointCount);
        Tree();
    }

    private bool TryText()
    {
        try
        {
            Consume(AscTokenKind.LeftParen, "'('");
            Properties();
            Point(record: false);
            if (Cur.Kind != AscTokenKind.String)
            {
                return false;
            }

            Next();
            if (Cur.Kind != AscTokenKind.RightParen)
            {
                return false;
            }

            Next();
            return true;
        }
        catch (InputException)
        {
            return false;
        }
    }

    private void Tree()
    {
        _parent = null;
        Consume(AscTokenKind.LeftParen, "'('");
        Properties();
        var type = _lastPropertyName switch
        {
            "Axon" => 2,
            "Dendrite" => 3,
            "Apical" => 4,
            _ => 0,
        };
        Branch(type, _treeCount);
        Consume(AscTokenKind.RightParen, "')' closing the tree");
        _treeCount++;
        _parent = null;
    }

    private void Branch(int type, int tree)
    {
        var saved = _parent;
        var begin = _points.Count;
        var line = Cur.Line;
        TreePoints();
        var end = _points.Count;
        if (end == begin)
        {
            throw new InputException(_sourceName, "expected at least one point (x y z d) in this branch", line);
        }

        var first = _points[begin];
        var raw = new List<AscPoint>(end - begin + 1);
        if (_parent is not null)
        {
            var last = _parent.Points[^1];
            if (last.X != first.X || last.Y != first.Y || last.Z != first.Z)
            {
                raw.Add(last with { Diameter = first.Diameter });
            }
        }

        raw.AddRange(_points.GetRange(begin, end - begin));
        var section = new AscSection { Points = raw, Type = type, Parent = _parent, Tree = tree, Line = first.Line };
        _sections.Add(section);
        _parent = section;
        BranchEnd(type, tree);
        _parent = saved;
    }

    private void TreePoints()
    {
        TreePoint();
        while (true)
        {
            OptionalComma();
            if (Cur.Kind != AscTokenKind.LeftParen || La1.Kind != AscTokenKind.Number)
            {
                break;
            }

            TreePoint();
        }
    }

    private void TreePoint()
    {
        if (La1.Kind == AscTokenKind.Label)
        {
            MarkerOrProperty();
            return;
        }

        Point(record: true);
        while (Cur.Kind == AscTokenKind.LeftSpine)
        {
            Spine();
        }
    }

    // "< properties point >": a spine on the preceding point; ignored for the geometry.
    private void Spine()
    {
        Consume(AscTokenKind.LeftSpine, "'<'");
        Properties();
        Point(record: false);
        Consume(AscTokenKind.RightSpine, "'>' closing the spine");
    }

    private void BranchEnd(int type, int tree)
    {
        OptionalComma();
        while (Cur.Kind == AscTokenKind.LeftParen && La1.Kind == AscTokenKind.Label)
        {
            SkipBalanced();
        }

        OptionalComma();
        if (Cur.Kind == AscTokenKind.LeftParen)
        {
            Next();
            Branch(type, tree);
            while (Cur.Kind == AscTokenKind.Bar)
            {
                Next();
                Branch(type, tree);
            }

            Consume(AscTokenKind.RightParen, "'|' or ')' closing the split");
        }
        else if (Cur.Kind == AscTokenKind.Label)
        {
            Next(); // branch end: Normal, Incomplete, High, Low, Generated, …
        }
    }

    // Markers after a branch's points: skipped as a balanced parenthesis group.
    private void SkipBalanced()
    {
        var open = Cur;
        var depth = 0;
        do
        {
            if (Cur.Kind == AscTokenKind.LeftParen)
            {
                depth++;
            }
            else if (Cur.Kind == AscTokenKind.RightParen)
            {
                depth--;
            }
            else if (Cur.Kind == AscTokenKind.EndOfFile)
            {
                throw new InputException(
                    _sourceName, $"expected ')' closing the marker '{La1.Text}' opened here (unbalanced parentheses)", open.Line);
            }

            Next();
        }
        while (depth > 0);
    }

    private void Points(bool record)
    {
        Point(record);
        while (true)
        {
            OptionalComma();
            if (Cur.Kind != AscTokenKind.LeftParen)
            {
                break;
            }

            Point(record);
        }
    }

    // "( x [,] y [[,] z [[,] d [[,] label] [[,] (bezier: 4 numbers)]]] )"
    private void Point(bool record)
    {
        Consume(AscTokenKind.LeftParen, "'(' starting a point");
        var line = Cur.Line;
        Expect(AscTokenKind.Number, "the x coordinate of a point (x y z d)");
        var x = Cur.Value;
        Next();
        OptionalComma();
        Expect(AscTokenKind.Number, "the y coordinate of a point (x y z d)");
        var y = Cur.Value;
        Next();
        double z = 0, d = 0;
        OptionalComma();
        if (Cur.Kind == AscTokenKind.Number)
        {
            z = Cur.Value;
            Next();
            OptionalComma();
            if (Cur.Kind == AscTokenKind.Number)
            {
                d = Cur.Value;
                Next();
                OptionalComma();
                if (Cur.Kind == AscTokenKind.Label)
                {
                    Next();
                }

                OptionalComma();
                if (Cur.Kind == AscTokenKind.LeftParen)
                {
                    Next();
                    for (var k = 0; k < 4; k++)
                    {
                        if (k > 0)
                        {
                            OptionalComma();
                        }

                        Consume(AscTokenKind.Number, "a number of the point's Bezier control (4 numbers)");
                    }

                    Consume(AscTokenKind.RightParen, "')' closing the Bezier control");
                }
            }
        }

        Consume(AscTokenKind.RightParen, "')' closing the point (x y z d)");
        if (record)
        {
            if (d < 0)
            {
                throw new InputException(_sourceName, $"negative diameter {d} (expected a point (x y z d) with d ≥ 0)", line);
            }

            _points.Add(new AscPoint(x, y, z, d, line));
        }
    }
}

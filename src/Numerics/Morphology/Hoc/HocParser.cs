namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

/// <summary>
/// Recursive-descent parser for the hoc subset of LFPy-style morphology files. Like hoc itself it needs to know at
/// parse time which names are sections (<c>name stmt</c> pushes a section), so the interpreter runs each top-level
/// statement before the next one is parsed and answers <see cref="_isSection"/> from what has been created so far.
/// </summary>
internal sealed class HocParser
{
    private static readonly HashSet<string> s_unsupportedKeywords = new(StringComparer.Ordinal)
    {
        "insert", "uninsert", "strdef", "double", "begintemplate", "endtemplate", "public", "external", "iterator",
        "iterator_statement", "setpointer", "delete", "help", "print", "read", "parallel", "depvar", "eqn", "ifsec",
        "secondorder", "stop", "debug", "install", "func_table",
    };

    private readonly HocLexer _lexer;
    private readonly string _sourceName;
    private readonly Func<string, bool> _isSection;
    private readonly List<HocToken> _buffer = new();
    private int _groupingDepth;

    public HocParser(HocLexer lexer, string sourceName, Func<string, bool> isSection)
    {
        _lexer = lexer;
        _sourceName = sourceName;
        _isSection = isSection;
    }

    /// <summary>The next top-level statement, or null at the end of the text.</summary>
    public HocStmt? ParseTopLevel()
    {
        while (true)
        {
            var token = PeekRaw();
            if (token.Kind == HocTokenKind.End)
            {
                return null;
            }

            if (token.Kind == HocTokenKind.Newline || token.Is(";"))
            {
                NextRaw();
                continue;
            }

            return ParseStatement();
        }
    }

    private HocStmt ParseStatement()
    {
        SkipSeparators();
        var token = Peek();
        if (token.Is("{"))
        {
            return ParseBlock();
        }

        if (token.Kind == HocTokenKind.Identifier)
        {
            switch (token.Text)
            {
                case "proc":
                case "func":
                    return ParseProcDef();
                case "local":
                case "localobj":
                    Next();
                    return new LocalStmt(token.Line, ParseNameList(), token.Text == "localobj");
                case "objref":
                case "objectvar":
                    Next();
                    return new ObjRefStmt(token.Line, ParseNameList());
                case "create":
                    return ParseCreate();
                case "connect":
                    return ParseConnect();
                case "access":
                    Next();
                    return new AccessStmt(token.Line, ParseSectionRef());
                case "for":
                    return ParseFor();
                case "forall":
                    Next();
                    return new ForAllStmt(token.Line, ParseBody());
                case "forsec":
                    Next();
                    return new ForSecStmt(token.Line, ParsePrimary(), ParseBody());
                case "if":
                    return ParseIf();
                case "else":
                    throw Error(token, "'else' without 'if'");
                case "while":
                    {
                        Next();
                        var condition = ParseParenthesized();
                        return new WhileStmt(token.Line, condition, ParseBody());
                    }

                case "return":
                    {
                        Next();
                        var next = PeekRaw();
                        var ends = next.Kind is HocTokenKind.Newline or HocTokenKind.End || next.Is("}") || next.Is(";");
                        return new ReturnStmt(token.Line, ends ? null : ParseExpression());
                    }

                case "break":
                    Next();
                    return new BreakStmt(token.Line);
                case "continue":
                    Next();
                    return new ContinueStmt(token.Line);
            }

            if (s_unsupportedKeywords.Contains(token.Text))
            {
                throw Error(token, $"unsupported construct '{token.Text}' in a morphology file");
            }

            if (_isSection(token.Text))
            {
                var section = ParseSectionRef();
                if (Peek().Is("."))
                {
                    throw Error(Peek(), $"unsupported construct '{section.Name}.…' (section.variable syntax)");
                }

                return new SectionStackStmt(token.Line, section, ParseStatement());
            }
        }

        return new ExprStmt(token.Line, ParseExpression());
    }

    private BlockStmt ParseBlock()
    {
        var open = Expect("{");
        var statements = new List<HocStmt>();
        var saved = _groupingDepth;
        _groupingDepth = 0; // newlines separate statements inside braces
        while (true)
        {
            SkipSeparators();
            var token = PeekRaw();
            if (token.Is("}"))
            {
                NextRaw();
                break;
            }

            if (token.Kind == HocTokenKind.End)
            {
                throw Error(token, $"missing '}}' for the '{{' on line {open.Line}");
            }

            statements.Add(ParseStatement());
        }

        _groupingDepth = saved;
        return new BlockStmt(open.Line, statements);
    }

    private HocStmt ParseBody()
    {
        SkipNewlines();
        return ParseStatement();
    }

    private ProcDefStmt ParseProcDef()
    {
        var keyword = Next();
        var name = ExpectIdentifier();
        Expect("(");
        Expect(")");
        SkipNewlines();
        if (!Peek().Is("{"))
        {
            throw Error(Peek(), $"expected '{{' to start the body of {keyword.Text} {name.Text}");
        }

        return new ProcDefStmt(keyword.Line, name.Text, keyword.Text == "func", ParseBlock());
    }

    private List<string> ParseNameList()
    {
        var names = new List<string> { ExpectIdentifier().Text };
        while (PeekRaw().Is(","))
        {
            NextRaw();
            names.Add(ExpectIdentifier().Text);
        }

        return names;
    }

    private CreateStmt ParseCreate()
    {
        var keyword = Next();
        var sections = new List<(string, HocExpr?)>();
        while (true)
        {
            var name = ExpectIdentifier();
            HocExpr? size = null;
            if (PeekRaw().Is("["))
            {
                NextRaw();
                size = ParseGrouped();
                Expect("]");
            }

            sections.Add((name.Text, size));
            if (!PeekRaw().Is(","))
            {
                break;
            }

            NextRaw();
        }

        return new CreateStmt(keyword.Line, sections);
    }

    private ConnectStmt ParseConnect()
    {
        var keyword = Next();
        var child = ParseSectionRef();
        var childX = ParseParenthesized();
        Expect(",");
        var token = Peek();
        if (token.Kind == HocTokenKind.Identifier && _isSection(token.Text))
        {
            var parent = ParseSectionRef();
            var parentX = ParseParenthesized();
            return new ConnectStmt(keyword.Line, child, childX, parent, parentX);
        }

        return new ConnectStmt(keyword.Line, child, childX, null, ParseExpression());
    }

    private SectionRef ParseSectionRef()
    {
        var name = ExpectIdentifier();
        if (!_isSection(name.Text))
        {
            throw Error(name, $"'{name.Text}' is not a section (sections must be created before they are used)");
        }

        HocExpr? index = null;
        if (PeekRaw().Is("["))
        {
            NextRaw();
            index = ParseGrouped();
            Expect("]");
        }

        return new SectionRef(name.Line, name.Text, index);
    }

    private HocStmt ParseFor()
    {
        var keyword = Next();
        if (Peek().Is("("))
        {
            Next();
            _groupingDepth++;
            HocExpr? init = Peek().Is(";") ? null : ParseExpression();
            if (Peek().Is(")"))
            {
                throw Error(Peek(), "unsupported construct 'for (x)' (loops over segments)");
            }

            Expect(";");
            HocExpr? condition = Peek().Is(";") ? null : ParseExpression();
            Expect(";");
            HocExpr? step = Peek().Is(")") ? null : ParseExpression();
            _groupingDepth--;
            Expect(")");
            return new ForCStmt(keyword.Line, init, condition, step, ParseBody());
        }

        var variable = Next();
        HocExpr target = variable.Kind switch
        {
            HocTokenKind.Identifier => new VariableExpr(variable.Line, variable.Text),
            HocTokenKind.Argument => new ArgumentExpr(variable.Line, (int)variable.Number),
            _ => throw Error(variable, $"expected a loop variable after 'for', found {variable}"),
        };
        Expect("=");
        var from = ParseExpression();
        Expect(",");
        var to = ParseExpression();
        return new ForRangeStmt(keyword.Line, target, from, to, ParseBody());
    }

    private IfStmt ParseIf()
    {
        var keyword = Next();
        var condition = ParseParenthesized();
        var then = ParseBody();
        SkipNewlines();
        HocStmt? otherwise = null;
        if (PeekRaw().IsWord("else"))
        {
            NextRaw();
            otherwise = ParseBody();
        }

        return new IfStmt(keyword.Line, condition, then, otherwise);
    }

    private HocExpr ParseParenthesized()
    {
        Expect("(");
        var expr = ParseGrouped();
        Expect(")");
        return expr;
    }

    private HocExpr ParseGrouped()
    {
        _groupingDepth++;
        var expr = ParseExpression();
        _groupingDepth--;
        return expr;
    }

    public HocExpr ParseExpression()
    {
        var left = ParseOr();
        var token = Peek();
        if (token.Kind == HocTokenKind.Punctuation && token.Text is "=" or "+=" or "-=" or "*=" or "/=")
        {
            if (left is not (VariableExpr or ArgumentExpr))
            {
                throw Error(token, $"cannot assign to this expression with '{token.Text}'");
            }

            Next();
            return new AssignExpr(token.Line, left, token.Text, ParseExpression());
        }

        return left;
    }

    private HocExpr ParseOr()
    {
        var left = ParseAnd();
        while (Peek().Is("||"))
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Text, left, ParseAnd());
        }

        return left;
    }

    private HocExpr ParseAnd()
    {
        var left = ParseComparison();
        while (Peek().Is("&&"))
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Text, left, ParseComparison());
        }

        return left;
    }

    private HocExpr ParseComparison()
    {
        var left = ParseAdditive();
        while (Peek() is { Kind: HocTokenKind.Punctuation, Text: "<" or ">" or "<=" or ">=" or "==" or "!=" })
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Text, left, ParseAdditive());
        }

        return left;
    }

    private HocExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek() is { Kind: HocTokenKind.Punctuation, Text: "+" or "-" })
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Text, left, ParseMultiplicative());
        }

        return left;
    }

    private HocExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek() is { Kind: HocTokenKind.Punctuation, Text: "*" or "/" or "%" })
        {
            var op = Next();
            left = new BinaryExpr(op.Line, op.Text, left, ParseUnary());
        }

        return left;
    }

    // hoc: '^' binds tighter than unary minus and is right associative (-2^2 = -4, 2^-1 = 0.5).
    private HocExpr ParseUnary()
    {
        var token = Peek();
        if (token is { Kind: HocTokenKind.Punctuation, Text: "-" or "!" or "+" })
        {
            Next();
            var operand = ParseUnary();
            return token.Text == "+" ? operand : new UnaryExpr(token.Line, token.Text, operand);
        }

        var primary = ParsePrimary();
        if (Peek().Is("^"))
        {
            var op = Next();
            return new BinaryExpr(op.Line, "^", primary, ParseUnary());
        }

        return primary;
    }

    private HocExpr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case HocTokenKind.Number:
                return new NumberExpr(token.Line, token.Number);
            case HocTokenKind.String:
                return new StringExpr(token.Line, token.Text);
            case HocTokenKind.Argument:
                return new ArgumentExpr(token.Line, (int)token.Number);
            case HocTokenKind.Punctuation when token.Text == "(":
                {
                    var inner = ParseGrouped();
                    Expect(")");
                    return inner;
                }

            case HocTokenKind.Identifier:
                if (token.Text == "new")
                {
                    var type = ExpectIdentifier();
                    return new NewExpr(token.Line, type.Text, ParseArguments());
                }

                if (PeekRaw().Is("("))
                {
                    return new CallExpr(token.Line, token.Text, ParseArguments());
                }

                if (PeekRaw().Is("."))
                {
                    NextRaw();
                    var method = ExpectIdentifier();
                    if (!PeekRaw().Is("("))
                    {
                        throw Error(method, $"unsupported construct '{token.Text}.{method.Text}' (only method calls)");
                    }

                    return new MethodCallExpr(token.Line, token.Text, method.Text, ParseArguments());
                }

                if (PeekRaw().Is("["))
                {
                    throw Error(token, _isSection(token.Text)
                        ? $"section '{token.Text}[…]' used as a value"
                        : $"unsupported construct '{token.Text}[…]' (arrays of numbers)");
                }

                if (s_unsupportedKeywords.Contains(token.Text))
                {
                    throw Error(token, $"unsupported construct '{token.Text}' in a morphology file");
                }

                return new VariableExpr(token.Line, token.Text);
            default:
                throw Error(token, $"unexpected {token}");
        }
    }

    private List<HocExpr> ParseArguments()
    {
        Expect("(");
        _groupingDepth++;
        var arguments = new List<HocExpr>();
        if (!Peek().Is(")"))
        {
            arguments.Add(ParseExpression());
            while (Peek().Is(","))
            {
                Next();
                arguments.Add(ParseExpression());
            }
        }

        _groupingDepth--;
        Expect(")");
        return arguments;
    }

    private HocToken ExpectIdentifier()
    {
        var token = Next();
        if (token.Kind != HocTokenKind.Identifier)
        {
            throw Error(token, $"expected a name, found {token}");
        }

        return token;
    }

    private HocToken Expect(string punctuation)
    {
        var token = Next();
        if (!token.Is(punctuation))
        {
            throw Error(token, $"expected '{punctuation}', found {token}");
        }

        return token;
    }

    private void SkipNewlines()
    {
        while (PeekRaw().Kind == HocTokenKind.Newline)
        {
            NextRaw();
        }
    }

    private void SkipSeparators()
    {
        while (PeekRaw().Kind == HocTokenKind.Newline || PeekRaw().Is(";"))
        {
            NextRaw();
        }
    }

    // Inside parentheses and brackets newlines are insignificant.
    private HocToken Peek()
    {
        if (_groupingDepth > 0)
        {
            SkipNewlines();
        }

        return PeekRaw();
    }

    private HocToken Next()
    {
        if (_groupingDepth > 0)
        {
            SkipNewlines();
        }

        return NextRaw();
    }

    private HocToken PeekRaw()
    {
        if (_buffer.Count == 0)
        {
            _buffer.Add(_lexer.Next());
        }

        return _buffer[0];
    }

    private HocToken NextRaw()
    {
        var token = PeekRaw();
        _buffer.RemoveAt(0);
        return token;
    }

    private InputException Error(HocToken token, string message) => new(_sourceName, message, token.Line);
}

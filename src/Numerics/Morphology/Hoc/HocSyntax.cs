namespace HybridLfp.Streaming.Numerics.Morphology.Hoc;

// The syntax tree of the hoc subset the morphology reader understands. Every node keeps its 1-based source line
// for error messages.

internal abstract record HocExpr(int Line);

internal sealed record NumberExpr(int Line, double Value) : HocExpr(Line);

internal sealed record StringExpr(int Line, string Value) : HocExpr(Line);

internal sealed record VariableExpr(int Line, string Name) : HocExpr(Line);

internal sealed record ArgumentExpr(int Line, int Index) : HocExpr(Line);

internal sealed record CallExpr(int Line, string Name, IReadOnlyList<HocExpr> Arguments) : HocExpr(Line);

internal sealed record MethodCallExpr(int Line, string ObjectName, string Method, IReadOnlyList<HocExpr> Arguments)
    : HocExpr(Line);

internal sealed record NewExpr(int Line, string TypeName, IReadOnlyList<HocExpr> Arguments) : HocExpr(Line);

/// <summary><c>name op value</c> with op one of <c>= += -= *= /=</c>; target is a variable or an argument.</summary>
internal sealed record AssignExpr(int Line, HocExpr Target, string Operator, HocExpr Value) : HocExpr(Line);

internal sealed record BinaryExpr(int Line, string Operator, HocExpr Left, HocExpr Right) : HocExpr(Line);

internal sealed record UnaryExpr(int Line, string Operator, HocExpr Operand) : HocExpr(Line);

/// <summary>A section name with an optional array index (<c>dend</c> alone means <c>dend[0]</c>).</summary>
internal sealed record SectionRef(int Line, string Name, HocExpr? Index);

internal abstract record HocStmt(int Line);

internal sealed record ExprStmt(int Line, HocExpr Expr) : HocStmt(Line);

internal sealed record BlockStmt(int Line, IReadOnlyList<HocStmt> Statements) : HocStmt(Line);

internal sealed record IfStmt(int Line, HocExpr Condition, HocStmt Then, HocStmt? Else) : HocStmt(Line);

internal sealed record WhileStmt(int Line, HocExpr Condition, HocStmt Body) : HocStmt(Line);

internal sealed record ForCStmt(int Line, HocExpr? Init, HocExpr? Condition, HocExpr? Step, HocStmt Body)
    : HocStmt(Line);

/// <summary><c>for var = from, to stmt</c>: both bounds evaluated once, var steps by 1 while ≤ to (+ hoc's ε).</summary>
internal sealed record ForRangeStmt(int Line, HocExpr Variable, HocExpr From, HocExpr To, HocStmt Body)
    : HocStmt(Line);

internal sealed record ProcDefStmt(int Line, string Name, bool IsFunc, HocStmt Body) : HocStmt(Line);

internal sealed record ReturnStmt(int Line, HocExpr? Value) : HocStmt(Line);

internal sealed record BreakStmt(int Line) : HocStmt(Line);

internal sealed record ContinueStmt(int Line) : HocStmt(Line);

/// <summary><c>local a, b</c> (numbers, 0) or <c>localobj a, b</c> (object references, NULLobject).</summary>
internal sealed record LocalStmt(int Line, IReadOnlyList<string> Names, bool Objects) : HocStmt(Line);

internal sealed record ObjRefStmt(int Line, IReadOnlyList<string> Names) : HocStmt(Line);

internal sealed record CreateStmt(int Line, IReadOnlyList<(string Name, HocExpr? Size)> Sections) : HocStmt(Line);

/// <summary>
/// <c>connect child(cx), parent(px)</c>, or with <see cref="Parent"/> null <c>connect child(cx), px</c> where the
/// parent is the currently accessed section (<c>parent connect child(cx), px</c>).
/// </summary>
internal sealed record ConnectStmt(int Line, SectionRef Child, HocExpr ChildX, SectionRef? Parent, HocExpr ParentX)
    : HocStmt(Line);

internal sealed record AccessStmt(int Line, SectionRef Section) : HocStmt(Line);

/// <summary><c>section stmt</c>: runs stmt with the section pushed on the section stack.</summary>
internal sealed record SectionStackStmt(int Line, SectionRef Section, HocStmt Body) : HocStmt(Line);

internal sealed record ForAllStmt(int Line, HocStmt Body) : HocStmt(Line);

/// <summary><c>forsec "regex" stmt</c> or <c>forsec sectionlist stmt</c>.</summary>
internal sealed record ForSecStmt(int Line, HocExpr Selector, HocStmt Body) : HocStmt(Line);

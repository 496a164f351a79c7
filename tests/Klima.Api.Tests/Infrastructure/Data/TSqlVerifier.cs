using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// Checks SQL meant for SQL Server without a server: parses it with ScriptDom's TSql160Parser (SQL Server 2022) and
/// flags the constructs SQL Server parses but rejects only when it runs them (ORDER BY in a subquery without
/// TOP/OFFSET, unnamed columns of a derived table, SQLite-only functions, boolean literals) and SQLite's `||`.
/// </summary>
public static class TSqlVerifier
{
    /// <summary>The result of one text: its statement count and every problem, each naming the source and the statement.</summary>
    public sealed record Result(int Statements, IReadOnlyList<string> Problems);

    /// <summary>Functions SQLite has and SQL Server does not (SQL Server's name in brackets where there is one).</summary>
    private static readonly Dictionary<string, string> SqliteOnlyFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ifnull"] = "ISNULL / COALESCE", ["substr"] = "SUBSTRING", ["instr"] = "CHARINDEX", ["group_concat"] = "STRING_AGG",
        ["strftime"] = "FORMAT / CONVERT", ["julianday"] = "DATEDIFF", ["datetime"] = "a parameter or SYSUTCDATETIME()",
        ["date"] = "CAST(... AS DATE)", ["time"] = "CAST(... AS TIME)", ["unixepoch"] = "DATEDIFF_BIG", ["printf"] = "FORMAT",
        ["json_extract"] = "JSON_VALUE", ["json_object"] = "FOR JSON", ["json_array"] = "FOR JSON", ["json_group_array"] = "FOR JSON",
        ["randomblob"] = "NEWID()", ["hex"] = "CONVERT(... , 2)", ["typeof"] = "SQL_VARIANT_PROPERTY", ["length"] = "LEN",
        ["last_insert_rowid"] = "SCOPE_IDENTITY()", ["changes"] = "@@ROWCOUNT", ["total"] = "SUM", ["random"] = "NEWID()",
        ["glob"] = "LIKE", ["likelihood"] = "nothing", ["zeroblob"] = "nothing", ["klima_actor"] = "SESSION_CONTEXT(N'klima.actor')",
    };

    public static Result Check(string source, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var problems = new List<string>();
        using (var tokensReader = new StringReader(sql))
        {
            var tokens = parser.GetTokenStream(tokensReader, out _).Where(t => !IsTrivia(t)).ToList();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Text == "||" || (tokens[i].Text == "|" && i + 1 < tokens.Count && tokens[i + 1].Text == "|" && tokens[i + 1].Offset == tokens[i].Offset + 1))
                {
                    problems.Add(Describe(source, sql, tokens[i].Line, tokens[i].Column,
                        "'||' is SQLite's string concatenation; SQL Server 2022 has none: build the text in C#"));
                }
            }
        }
        if (problems.Count > 0)
        {
            return new Result(0, problems);
        }
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        if (errors.Count > 0)
        {
            return new Result(0, errors.Select(e => Describe(source, sql, e.Line, e.Column, $"TSql160Parser error {e.Number}: {e.Message}")).ToList());
        }
        var script = (TSqlScript)fragment;
        var visitor = new RunTimeRejects();
        fragment.Accept(visitor);
        problems.AddRange(visitor.Found.Select(f => Describe(source, sql, f.Node.StartLine, f.Node.StartColumn, f.Message)));
        return new Result(script.Batches.Sum(b => b.Statements.Count), problems);
    }

    private static bool IsTrivia(TSqlParserToken token) =>
        token.TokenType is TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment;

    private static string Describe(string source, string sql, int line, int column, string message)
    {
        var lines = sql.ReplaceLineEndings("\n").Split('\n');
        var excerpt = line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
        var statement = sql.Length > 600 ? sql[..600] + " ..." : sql;
        return $"{source}, line {line}, column {column}: {message}\n    at: {excerpt}\n    statement: {statement.ReplaceLineEndings(" ").Trim()}";
    }

    /// <summary>What SQL Server parses but refuses at run time (errors 1033, 8155, 195/4121, 207).</summary>
    private sealed class RunTimeRejects : TSqlFragmentVisitor
    {
        public List<(TSqlFragment Node, string Message)> Found { get; } = [];

        public override void ExplicitVisit(ScalarSubquery node)
        {
            CheckOrderBy(node.QueryExpression, "a subquery");
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(QueryDerivedTable node)
        {
            CheckOrderBy(node.QueryExpression, "a derived table");
            if (node.Columns.Count == 0)
            {
                CheckNamedColumns(node.QueryExpression, "derived table");
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CommonTableExpression node)
        {
            CheckOrderBy(node.QueryExpression, "a common table expression");
            if (node.Columns.Count == 0)
            {
                CheckNamedColumns(node.QueryExpression, "common table expression");
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CreateViewStatement node)
        {
            CheckOrderBy(node.SelectStatement.QueryExpression, "a view");
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(FunctionCall node)
        {
            var name = node.FunctionName.Value;
            if (node.CallTarget is null && SqliteOnlyFunctions.TryGetValue(name, out var instead))
            {
                Found.Add((node, $"{name}() is a SQLite function that SQL Server does not have (use {instead})"));
            }
            else if (node.CallTarget is null && name.ToUpperInvariant() is "MIN" or "MAX" && node.Parameters.Count > 1)
            {
                Found.Add((node, $"{name}(a, b) with several arguments is SQLite's scalar form; SQL Server's {name} is an aggregate of one argument (use CASE or GREATEST/LEAST)"));
            }
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier?.Identifiers is [{ QuoteType: QuoteType.NotQuoted } only] &&
                (only.Value.Equals("true", StringComparison.OrdinalIgnoreCase) || only.Value.Equals("false", StringComparison.OrdinalIgnoreCase)))
            {
                Found.Add((node, $"'{only.Value}' is a boolean literal in SQLite but a column name in SQL Server (use 1 / 0 on a BIT, or a parameter)"));
            }
            base.ExplicitVisit(node);
        }

        private void CheckOrderBy(QueryExpression? query, string where)
        {
            if (query is null || query.OrderByClause is null || query.OffsetClause is not null || query.ForClause is not null)
            {
                return;
            }
            if (query is QuerySpecification { TopRowFilter: not null })
            {
                return;
            }
            Found.Add((query.OrderByClause, $"ORDER BY in {where} without TOP or OFFSET ... FETCH: SQL Server refuses it (error 1033)"));
        }

        private void CheckNamedColumns(QueryExpression? query, string what)
        {
            var first = query;
            while (first is BinaryQueryExpression binary)
            {
                first = binary.FirstQueryExpression;
            }
            while (first is QueryParenthesisExpression parenthesis)
            {
                first = parenthesis.QueryExpression;
            }
            if (first is not QuerySpecification specification)
            {
                return;
            }
            foreach (var element in specification.SelectElements.OfType<SelectScalarExpression>())
            {
                if (element.ColumnName is null && element.Expression is not ColumnReferenceExpression)
                {
                    Found.Add((element, $"a column of a {what} without a name: SQL Server refuses it (error 8155); give it an alias"));
                }
            }
        }
    }
}

using System.Text;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// The skeleton every keyset list query shares: tombstones (left out unless <c>modifiedSince</c> asks for incremental sync),
/// <c>modifiedSince</c>, the use case's own filters, the cursor (<c>id &gt; @After</c>), <c>ORDER BY id</c> and the dialect's
/// limit (<c>@Take</c>). Parameters keep their names: bind <c>@ModifiedSince</c>, <c>@After</c> (<see cref="After"/>),
/// <c>@Take</c> (<see cref="Take"/>) and the filters' own.
/// <code>
/// var list = new ListSql($"SELECT {Store.Columns} FROM organisation", query)
///     .Where(query.Kind is not null, "kind = @Kind");
/// connection.QueryAsync&lt;T&gt;(list.ToSql(db.Dialect), new { query.ModifiedSince, query.Kind, list.After, list.Take })
/// </code>
/// </summary>
internal sealed class ListSql
{
    private readonly string _select;
    private readonly string _alias;
    private readonly List<string> _conditions = [];

    /// <param name="select">SELECT ... FROM ... (joins allowed), without WHERE.</param>
    /// <param name="alias">The listed table's alias ("p" for "FROM person p"), or empty when it has none.</param>
    public ListSql(string select, IListQuery query, string alias = "")
    {
        _select = select;
        _alias = alias.Length == 0 ? "" : alias + ".";
        if (!query.IncludeTombstones())
        {
            _conditions.Add($"{_alias}deleted_at IS NULL");
        }
        if (query.ModifiedSince is not null)
        {
            _conditions.Add($"{_alias}modified_at > @ModifiedSince");
        }
        After = Cursor.DecodeGuid(query.Cursor);
        Take = query.Take() + 1;
    }

    /// <summary>The id the page starts after (bind as <c>@After</c>); null on the first page.</summary>
    public Guid? After { get; }

    /// <summary>Rows to fetch (bind as <c>@Take</c>): one more than the page, so that <see cref="Slice{T}.FromRows"/> sees whether a next page exists.</summary>
    public int Take { get; }

    /// <summary>Adds a filter when <paramref name="applies"/>; <paramref name="condition"/> is parameterised SQL.</summary>
    public ListSql Where(bool applies, string condition)
    {
        if (applies)
        {
            _conditions.Add(condition);
        }
        return this;
    }

    public string ToSql(ISqlDialect dialect)
    {
        var conditions = After is null ? _conditions : [.. _conditions, $"{_alias}id > @After"];
        var sql = new StringBuilder(_select);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
        return sql.Append(" ORDER BY ").Append(_alias).Append("id").Append(dialect.Limit("@Take")).ToString();
    }
}

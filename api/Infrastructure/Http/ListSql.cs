using System.Globalization;
using System.Text;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Localization;

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
/// An append-only log (no tombstones, no <c>modifiedSince</c>) pages by time then id instead: <see cref="ByTime"/>.
/// </summary>
internal sealed class ListSql
{
    private readonly string _select;
    private readonly string _alias;
    private readonly List<string> _conditions = [];
    private readonly string? _keyset;
    private readonly string _orderBy;

    /// <param name="select">SELECT ... FROM ... (joins allowed), without WHERE.</param>
    /// <param name="query">The list query: limit, cursor, modifiedSince.</param>
    /// <param name="alias">The listed table's alias ("p" for "FROM person p"), or empty when it has none.</param>
    /// <param name="tombstones">False for a work list that never shows deleted rows, not even to incremental sync.</param>
    public ListSql(string select, IListQuery query, string alias = "", bool tombstones = true)
    {
        _select = select;
        _alias = alias.Length == 0 ? "" : alias + ".";
        if (!tombstones || !query.IncludeTombstones())
        {
            _conditions.Add($"{_alias}deleted_at IS NULL");
        }
        if (query.ModifiedSince is not null)
        {
            _conditions.Add($"{_alias}modified_at > @ModifiedSince");
        }
        After = Cursor.DecodeGuid(query.Cursor);
        PageSize = query.Take();
        _keyset = After is null ? null : $"{_alias}id > @After";
        _orderBy = $"{_alias}id";
    }

    private ListSql(string select, int pageSize, Guid? after, DateTimeOffset? afterTime, string? keyset, string orderBy)
    {
        _select = select;
        _alias = "";
        PageSize = pageSize;
        After = after;
        AfterTime = afterTime;
        _keyset = keyset;
        _orderBy = orderBy;
    }

    /// <summary>
    /// A list of an append-only log ordered by <paramref name="timeColumn"/> then id (both descending when
    /// <paramref name="newestFirst"/>); the cursor (<see cref="TimeCursor"/>) carries both, so pages never skip or repeat
    /// entries that share a time. Bind <c>@AfterTime</c> (<see cref="AfterTime"/>), <c>@After</c> and <c>@Take</c>.
    /// </summary>
    public static ListSql ByTime(string select, int? limit, string? cursor, string timeColumn, bool newestFirst)
    {
        var (afterTime, after) = DecodeTimeCursor(cursor);
        var direction = newestFirst ? "<" : ">";
        var keyset = after is null ? null : $"({timeColumn} {direction} @AfterTime OR ({timeColumn} = @AfterTime AND id {direction} @After))";
        var orderBy = newestFirst ? $"{timeColumn} DESC, id DESC" : $"{timeColumn}, id";
        return new ListSql(select, limit ?? Paging.DefaultLimit, after, afterTime, keyset, orderBy);
    }

    /// <summary>The cursor key of a row of a <see cref="ByTime"/> list (for <see cref="Slice{T}.FromRows"/>).</summary>
    public static string TimeCursor(DateTimeOffset at, Guid id) => $"{at.ToString("O", CultureInfo.InvariantCulture)}|{id}";

    /// <summary>The id the page starts after (bind as <c>@After</c>); null on the first page.</summary>
    public Guid? After { get; }

    /// <summary>For a <see cref="ByTime"/> list: the time the page starts after (bind as <c>@AfterTime</c>).</summary>
    public DateTimeOffset? AfterTime { get; }

    /// <summary>The page size asked for (the limit, or the default); give it to <see cref="Slice{T}.FromRows"/>.</summary>
    public int PageSize { get; }

    /// <summary>Rows to fetch (bind as <c>@Take</c>): one more than the page, so that <see cref="Slice{T}.FromRows"/> sees whether a next page exists.</summary>
    public int Take => PageSize + 1;

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
        var conditions = _keyset is null ? _conditions : [.. _conditions, _keyset];
        var sql = new StringBuilder(_select);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }
        return sql.Append(" ORDER BY ").Append(_orderBy).Append(dialect.Limit("@Take")).ToString();
    }

    private static (DateTimeOffset? At, Guid? Id) DecodeTimeCursor(string? cursor)
    {
        if (Cursor.Decode(cursor) is not { } key)
        {
            return (null, null);
        }
        var parts = key.Split('|');
        return parts.Length == 2
               && DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
               && Guid.TryParse(parts[1], out var id)
            ? (at, id)
            : throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor", Messages.Get("Paging.UnknownCursor"))]);
    }
}

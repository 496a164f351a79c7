using Dapper;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// IN-lists of ids. Dapper's own list expansion (<c>IN @Ids</c>) does not go through the Guid type handler, so on SQLite
/// it compares upper-case text with the stored lower-case ids and silently matches nothing. Each id gets its own
/// parameter here, which the handler formats like every other id.
/// </summary>
internal static class SqlIn
{
    public static string Guids(DynamicParameters parameters, string prefix, IEnumerable<Guid> ids)
    {
        var names = new List<string>();
        foreach (var id in ids)
        {
            var name = $"{prefix}{names.Count}";
            parameters.Add(name, id);
            names.Add("@" + name);
        }
        // An empty list matches nothing, as IN () would if SQL allowed it.
        return names.Count == 0 ? "(NULL)" : "(" + string.Join(", ", names) + ")";
    }

    // SQL Server takes at most 2,100 parameters a statement; ids go in chunks well below that.
    private const int IdsPerStatement = 1000;

    /// <summary>
    /// Runs <paramref name="sql"/> with its <c>{0}</c> replaced by an IN-list of the ids, a chunk of ids at a time, and
    /// returns all rows (an order the SQL asks for holds within a chunk). No ids, no query.
    /// </summary>
    public static async Task<List<T>> QueryChunkedAsync<T>(System.Data.Common.DbConnection connection, string sql, IEnumerable<Guid> ids,
        System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken, object? parameters = null)
    {
        var rows = new List<T>();
        foreach (var chunk in ids.Chunk(IdsPerStatement))
        {
            var all = new DynamicParameters(parameters);
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Guids(all, "Id", chunk));
            rows.AddRange(await connection.QueryAsync<T>(new CommandDefinition(text, all, transaction, cancellationToken: cancellationToken)));
        }
        return rows;
    }
}

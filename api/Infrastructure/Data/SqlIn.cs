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
}

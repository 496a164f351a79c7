using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace Klima.Api.Features.Routing;

/// <summary>
/// The routing inputs of a model (<see cref="RoutingStore.LoadAsync"/>: rules and their steps, bodies, member parties,
/// interests), kept per API process and keyed by the database's routing version (migration 0260): one number that a
/// trigger moves in the writing transaction of every change to those tables, whoever writes. Each use reads that one
/// row; a change committed by any instance on the same database moves it, so the next case on every instance loads the
/// inputs again. Cases do not move it (unlike <c>data_version</c>), so writers creating cases keep hitting the cache.
/// The version is read before the inputs: inputs loaded after a change are at least as new as the version they are kept
/// under, so a race costs a reload, never a stale route. The database's stamp is part of the key, so two databases
/// (tests, a restored copy) never share entries.
/// </summary>
internal static class RoutingInputs
{
    private const int MaxEntries = 1024;

    private sealed record Entry(long Version, RoutingStore.ModelData Data);

    private static readonly ConcurrentDictionary<(string Stamp, Guid Model), Entry> Cache = new();

    /// <summary>The model's routing inputs as of now, from the cache when the routing version has not moved.</summary>
    public static async Task<RoutingStore.ModelData> LoadAsync(DbConnection connection, Guid modelId, CancellationToken cancellationToken)
    {
        var current = await connection.QuerySingleAsync<VersionRow>(new CommandDefinition(
            "SELECT version, stamp FROM routing_version WHERE id = 1", cancellationToken: cancellationToken));
        var key = (current.Stamp, modelId);
        if (Cache.TryGetValue(key, out var entry) && entry.Version == current.Version)
        {
            return entry.Data;
        }
        var data = await RoutingStore.LoadAsync(connection, modelId, null, cancellationToken);
        if (Cache.Count >= MaxEntries)
        {
            Cache.Clear();
        }
        var loaded = new Entry(current.Version, data);
        // Two requests that load at once keep the newer version's entry.
        Cache.AddOrUpdate(key, loaded, (_, existing) => existing.Version > loaded.Version ? existing : loaded);
        return data;
    }

    private sealed class VersionRow
    {
        public long Version { get; init; }
        public string Stamp { get; init; } = "";
    }
}

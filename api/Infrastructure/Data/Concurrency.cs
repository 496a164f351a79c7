using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Optimistic concurrency: updates run <c>WHERE id = @Id AND version = @ExpectedVersion</c>; when no row changed,
/// this tells a missing resource (404) from a stale version (412).
/// </summary>
internal static class Concurrency
{
    public static async Task EnsureChangedAsync(this DbConnection connection, int changed, string table, string resource, Guid id,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (changed > 0)
        {
            return;
        }
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        throw exists == 0 ? new NotFoundException(resource, id) : new PreconditionFailedException(resource, id);
    }

    /// <summary>Soft-deletes a row so that incremental sync can return it as a tombstone.</summary>
    public static async Task SoftDeleteAsync(this DbConnection connection, string table, string resource, Guid id, int expectedVersion,
        DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET deleted_at = @Now, modified_at = @Now, version = version + 1 WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL",
            new { Id = id, ExpectedVersion = expectedVersion, Now = now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.EnsureChangedAsync(changed, table, resource, id, transaction, cancellationToken).ConfigureAwait(false);
    }
}

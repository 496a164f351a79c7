using System.Data.Common;
using Dapper;

namespace Klima.Api.Infrastructure.Data;

/// <summary>Row locks taken inside a write transaction, on whatever table a rule is judged against.</summary>
internal static class RowLocks
{
    /// <summary>
    /// Takes the write lock on a live row of <paramref name="table"/> for the rest of the transaction (an update that
    /// changes nothing), so that two changes judged against the same row run one after the other (SQL Server's READ
    /// COMMITTED would otherwise let both pass). False when no live row has that id. <paramref name="table"/> is a
    /// constant of the caller, never input.
    /// </summary>
    public static async Task<bool> LockRowAsync(this DbConnection connection, string table, Guid id, DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET version = version WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken)) > 0;
}

using System.Data.Common;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// The one rule for a referenced id that does not exist (or is deleted): 422 problem details of type rule-violated,
/// rule <c>reference-exists</c>, with the request field named in <c>errors</c> (<c>errors: { bodyId: [...] }</c>).
/// Every area answers a dangling reference this way.
/// </summary>
internal static class References
{
    public const string Rule = "reference-exists";

    /// <summary>The problem for one dangling reference in <paramref name="field"/> (camelCase request path).</summary>
    public static RuleViolationException Missing(string field, Text message) => new(Rule, message, field);

    /// <summary>The problem for several dangling references at once, each under its field.</summary>
    public static RuleViolationException Missing(IEnumerable<(string Field, Text Message)> failures)
    {
        var errors = failures.GroupBy(f => f.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray(), StringComparer.Ordinal);
        return new RuleViolationException(Rule, Text.Join(" ", errors.Values.SelectMany(m => m).Distinct()), errors);
    }

    /// <summary>A referenced row (<paramref name="table"/>.id) must exist and not be deleted; null means "no reference" and passes.</summary>
    public static async Task EnsureExistsAsync(this DbConnection connection, string table, Guid? id, string field, Text message,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return;
        }
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            throw Missing(field, message);
        }
    }
}

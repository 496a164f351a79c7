using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Interests;

/// <summary>The SQL the interest use cases (and routing) share.</summary>
internal static class InterestsStore
{
    public const string CodePattern = "^[a-z0-9][a-z0-9-]*$";

    private const string Columns = "governance_model_id, code, name, name_en, description, ordinal, deleted_at AS retired_at, version, modified_at";

    public static async Task<IReadOnlyList<InterestResponse>> ListAsync(DbConnection connection, Guid model, bool includeRetired, DbTransaction? transaction,
        CancellationToken cancellationToken) =>
        (await connection.QueryAsync<InterestResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM case_interest WHERE governance_model_id = @Model{(includeRetired ? "" : " AND deleted_at IS NULL")} ORDER BY ordinal, code",
            new { Model = model }, transaction, cancellationToken: cancellationToken))).ToList();

    /// <summary>One interest, retired or not; 404 when the model has no such code.</summary>
    public static async Task<InterestResponse> GetAsync(DbConnection connection, Guid model, string code, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<InterestResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM case_interest WHERE governance_model_id = @Model AND code = @Code",
            new { Model = model, Code = code }, transaction, cancellationToken: cancellationToken))
        ?? throw new NotFoundException("Case interest", code);

    /// <summary>The live routing rules of the model that match on an interest (a retired interest would strand them).</summary>
    public static async Task<IReadOnlyList<string>> RulesUsingAsync(DbConnection connection, Guid model, string code, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM routing_rule WHERE governance_model_id = @Model AND interest_code = @Code AND deleted_at IS NULL ORDER BY priority, code",
            new { Model = model, Code = code }, transaction, cancellationToken: cancellationToken))).ToList();
}

using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Interests;

/// <summary>
/// A case interest of one governance model (e.g. North Jutland's <c>joint</c>, <c>municipal</c>, <c>regional</c>): what a
/// case offers its model's routing rules to match on. Data per model, never an enum in code.
/// </summary>
public sealed record InterestResponse
{
    public required Guid GovernanceModelId { get; init; }
    public required string Code { get; init; }
    /// <summary>The Danish name (shown first).</summary>
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public string? Description { get; init; }
    /// <summary>Position in lists and pickers.</summary>
    public required int Ordinal { get; init; }
    /// <summary>Set when the interest was retired: cases that carry it keep it; no new case, rule or dry run may use it.</summary>
    public DateTimeOffset? RetiredAt { get; init; }
    public required int Version { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
}

internal sealed class InterestRules<T> : AbstractValidator<T>
{
    public InterestRules(Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> description, Func<T, int?> ordinal)
    {
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => nameEn(x)).MaximumLength(200).OverridePropertyName("nameEn");
        RuleFor(x => description(x)).MaximumLength(1000).OverridePropertyName("description");
        RuleFor(x => ordinal(x)).InclusiveBetween(1, 1000).When(x => ordinal(x) is not null).OverridePropertyName("ordinal");
    }
}

/// <summary>The SQL the interest use cases (and routing) share.</summary>
internal static class InterestStore
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

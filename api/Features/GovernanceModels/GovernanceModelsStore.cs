using System.Data.Common;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>The SQL the GovernanceModels use cases share.</summary>
internal static class GovernanceModelsStore
{
    public const string Columns = """
        id, code, name, description, valid_from, valid_to, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    /// <summary>
    /// The model named; else the only model; else, for a caller bound to an organisation, the only model that
    /// organisation is a member of. 422 when that is ambiguous or unknown.
    /// </summary>
    public static async Task<Guid> ResolveModelAsync(DbConnection connection, Guid? requested, DbTransaction? transaction, CancellationToken cancellationToken,
        Guid? memberOrganisation = null)
    {
        var models = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM governance_model WHERE deleted_at IS NULL", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (requested is { } id)
        {
            return models.Contains(id) ? id : throw new RuleViolationException("governance-model-exists", new Text("Case.NoGovernanceModel", id), "governanceModelId");
        }
        if (models.Count != 1 && memberOrganisation is not null)
        {
            var member = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM governance_model_party WHERE organisation_id = @Organisation AND role = 'member'",
                new { Organisation = memberOrganisation }, transaction, cancellationToken: cancellationToken))).Where(models.Contains).ToList();
            models = member.Count == 1 ? member : models;
        }
        return models.Count == 1 ? models[0]
            : throw new RuleViolationException("governance-model-required", new Text("Case.ManyGovernanceModels"), "governanceModelId");
    }
}

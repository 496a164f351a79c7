using System.Data.Common;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>The caller is limited to other governance models (partnerships) than the one the request concerns.</summary>
internal sealed class GovernanceModelForbiddenException : ProblemException
{
    public GovernanceModelForbiddenException(Guid model)
        : base(new Text("Problem.Forbidden"), new Text("GovernanceModel.AccessLimited", model))
    {
        Extensions["governanceModelId"] = model;
    }

    public override int Status => StatusCodes.Status403Forbidden;
}

/// <summary>
/// The SQL the GovernanceModels use cases share, and partnerships kept apart: every read and write of a model's data
/// resolves the model it concerns through here, so a staff account or API key limited to some models
/// (<see cref="ICurrentUser.ModelScope"/>) is refused any other (403), and a caller limited to exactly one model needs not name it.
/// </summary>
internal static class GovernanceModelsStore
{
    public const string Columns = """
        id, code, name, description, valid_from, valid_to, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    [AreaApi]
    public static void Ensure(ICurrentUser user, Guid model)
    {
        if (user.ModelScope is { } scope && !scope.Contains(model))
        {
            throw new GovernanceModelForbiddenException(model);
        }
    }

    /// <summary>
    /// The condition a list over a model-owned <paramref name="column"/> adds for the caller, with its parameters bound: the
    /// model asked for (403 when the caller is limited to other models), else the caller's models when it is limited to some,
    /// else none (every model). A limited caller's list therefore never shows another partnership's rows.
    /// </summary>
    [AreaApi]
    public static string? ListCondition(ICurrentUser user, Guid? requested, string column, DynamicParameters parameters)
    {
        if (requested is { } model)
        {
            Ensure(user, model);
            parameters.Add("ListModel", model);
            return $"{column} = @ListModel";
        }
        return user.ModelScope is { } scope ? $"{column} IN {SqlIn.Guids(parameters, "ScopeModel", scope.Order())}" : null;
    }

    /// <summary>
    /// The model named; else the caller's only model; else the only model in the register; else (a caller bound to an
    /// organisation) the only model it is a member of. 422 naming <c>governanceModelId</c> when that is ambiguous, so a
    /// read never mixes two partnerships; 403 when the caller is limited to other models.
    /// </summary>
    [AreaApi]
    public static async Task<Guid> ResolveAsync(DbConnection connection, Guid? requested, ICurrentUser user, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (requested is null && user.ModelScope is { Count: 1 } only)
        {
            requested = only.First();
        }
        var model = await ResolveModelAsync(connection, requested, transaction, cancellationToken, user.OrganisationScope);
        Ensure(user, model);
        return model;
    }

    /// <summary>The models a limit names must exist (422 naming the field otherwise).</summary>
    [AreaApi]
    public static async Task EnsureExistAsync(DbConnection connection, IReadOnlyList<Guid>? models, DbTransaction? transaction, CancellationToken cancellationToken,
        string field = "governanceModelIds")
    {
        if (models is null || models.Count == 0)
        {
            return;
        }
        var known = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM governance_model WHERE deleted_at IS NULL", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        var unknown = models.FirstOrDefault(m => !known.Contains(m));
        if (unknown != Guid.Empty)
        {
            throw new RuleViolationException("governance-model-exists", new Text("GovernanceModel.NotFound", unknown), field);
        }
    }

    /// <summary>Which model a row of a model-owned table belongs to (null when the row does not exist).</summary>
    [AreaApi]
    public static Task<Guid?> ModelOfAsync(DbConnection connection, string sql, Guid id, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { Id = id }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The write guard for a row of a model-owned table: resolves the model the row belongs to with <paramref name="sql"/>
    /// (parameter <c>@Id</c>) and refuses (403) a caller limited to other models. A row that does not exist passes, so the
    /// write answers its own 404.
    /// </summary>
    [AreaApi]
    public static async Task EnsureOwnerAsync(DbConnection connection, ICurrentUser user, string sql, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (user.ModelScope is null)
        {
            return;
        }
        if (await ModelOfAsync(connection, sql, id, transaction, cancellationToken) is { } model)
        {
            Ensure(user, model);
        }
    }

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

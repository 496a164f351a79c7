using Dapper;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Lists election terms (half-open periods), oldest first: those a governance model follows (its own, else the national
/// ones), or without a model every term the caller may see (the national ones and its models' own).
/// </summary>
public static class ListElectionTerms
{
    public sealed record Query(Guid? GovernanceModelId = null) : IRequest<Page<ElectionTermResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Page<ElectionTermResponse>>
    {
        public async Task<Page<ElectionTermResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = new DynamicParameters();
            string sql;
            if (query.GovernanceModelId is { } model)
            {
                GovernanceModelsStore.Ensure(user, model);
                parameters.Add("Model", model);
                sql = $"SELECT * FROM ({MembershipsStore.ElectionTermsOfModel}) x ORDER BY x.starts_on, x.code";
            }
            else
            {
                var own = GovernanceModelsStore.ListCondition(user, null, "governance_model_id", parameters);
                sql = "SELECT id, code, name, starts_on, ends_on, governance_model_id FROM election_term"
                      + (own is null ? "" : $" WHERE governance_model_id IS NULL OR {own}") + " ORDER BY starts_on, code";
            }
            var terms = await connection.QueryAsync<ElectionTermResponse>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            // A handful of rows: one page, no next link.
            return new Page<ElectionTermResponse>(terms.ToList(), null);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/election-terms", async (Guid? governanceModelId, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId), http.RequestAborted)))
                .WithName("listElectionTerms")
                .WithSummary("Vis valgperioder / List election terms")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Valgperioder som halvåbne perioder, ældste først: med governanceModelId dem, modellen følger (dens egne, ellers de " +
                                 "nationale); uden alle, kalderen må se (de nationale og dens modellers egne). 403 for en model uden for kalderens adgang." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Election terms as half-open periods, oldest first: with governanceModelId those the model follows (its own, else the " +
                                 "national ones); without, every term the caller may see (the national ones and its models' own). 403 for a model outside the caller's access.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Lists the organisations that take part in a model and their role (member, host, national partner, knowledge partner).</summary>
public static class ListGovernanceModelParties
{
    public sealed record Query(Guid Id, string? Role) : IRequest<Response>;

    /// <summary>The parties of a model; small enough to return whole. The ETag is the model's version.</summary>
    public sealed record Response(IReadOnlyList<PartyResponse> Items, int ModelVersion);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Role).IsEnumName(typeof(PartyRole), caseSensitive: false).When(q => q.Role is not null);
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Response>
    {
        public async Task<Response> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var version = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                              "SELECT version FROM governance_model WHERE id = @Id AND deleted_at IS NULL", new { query.Id }, cancellationToken: cancellationToken))
                          ?? throw new NotFoundException("Governance model", query.Id);
            var parties = await connection.QueryAsync<PartyResponse>(new CommandDefinition($"""
                SELECT o.id AS organisation_id, o.name, o.short_name, o.kind, o.municipality_code, o.region_code, p.role
                FROM governance_model_party p JOIN organisation o ON o.id = p.organisation_id
                WHERE p.governance_model_id = @Id AND o.deleted_at IS NULL {(query.Role is null ? "" : "AND p.role = @Role")}
                ORDER BY p.role, o.name
                """, new { query.Id, Role = query.Role is null ? null : Enum.Parse<PartyRole>(query.Role, ignoreCase: true).Text() }, cancellationToken: cancellationToken));
            return new Response(parties.ToList(), version);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{id:guid}/parties", async (Guid id, string? role, IMediator mediator, HttpContext http) =>
                {
                    var parties = await mediator.Send(new Query(id, role), http.RequestAborted);
                    return ETags.OkWithETag(http, parties, parties.ModelVersion);
                })
                .WithName("listGovernanceModelParties")
                .WithSummary("Vis en styringsmodels parter / List a governance model's parties")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). De " +
                                 "organisationer, der deltager i modellen, og deres rolle (medlem, vært, national partner, vidensparter)." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The " +
                                 "organisations that take part in the model and their role (member, host, national partner, knowledge partner).")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<ListGovernanceModelParties.Response>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

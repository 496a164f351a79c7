using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Reads one composition rule of a body with its ETag.</summary>
public static class GetCompositionRule
{
    public sealed record Query(Guid BodyId, Guid RuleId) : IRequest<CompositionRuleResponse>;

    internal sealed class Handler(IDbConnectionFactory db, Klima.Api.Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Query, CompositionRuleResponse>
    {
        public async Task<CompositionRuleResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Another partnership's object is refused as a limited caller's lists leave it out.
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<CompositionRuleResponse>(new CommandDefinition(
                       $"SELECT {BodiesStore.RuleColumns} FROM composition_rule WHERE id = @RuleId AND body_id = @BodyId AND deleted_at IS NULL",
                       query, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Composition rule", query.RuleId);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/composition-rules/{ruleId:guid}", async (Guid id, Guid ruleId, IMediator mediator, HttpContext http) =>
                {
                    var rule = await mediator.Send(new Query(id, ruleId), http.RequestAborted);
                    return ETags.OkWithETag(http, rule, rule.Version);
                })
                .WithName("getCompositionRule")
                .WithSummary("Hent en sammensætningsregel / Get a composition rule")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "regel for organet med ETag. 404 når den ikke findes." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One rule " +
                                 "of the body with its ETag. 404 when it does not exist.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<CompositionRuleResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

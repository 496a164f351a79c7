using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Reads one initiative of a work plan with its ETag.</summary>
public static class GetInitiative
{
    public sealed record Query(Guid Id) : IRequest<InitiativeResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, InitiativeResponse>
    {
        public async Task<InitiativeResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_initiative", query.Id, null, cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<InitiativeResponse>(new CommandDefinition(
                          $"SELECT {WorkPlanStore.InitiativeColumns} FROM work_initiative WHERE id = @Id AND deleted_at IS NULL",
                          query, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Initiative", query.Id);
            return row;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/initiatives/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var initiative = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, initiative, initiative.Version);
                })
                .WithName("getInitiative")
                .WithSummary("Hent et initiativ / Get an initiative")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Ét " +
                                 "initiativ i arbejdsplanen med ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "initiative of the work plan with its ETag.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<InitiativeResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

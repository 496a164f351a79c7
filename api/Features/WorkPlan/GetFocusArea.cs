using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Reads one focus area of a work plan with its ETag.</summary>
public static class GetFocusArea
{
    public sealed record Query(Guid Id) : IRequest<FocusAreaResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, FocusAreaResponse>
    {
        public async Task<FocusAreaResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_focus_area", query.Id, null, cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<FocusAreaResponse>(new CommandDefinition(
                       $"SELECT {WorkPlanStore.FocusAreaColumns} FROM work_focus_area WHERE id = @Id AND deleted_at IS NULL",
                       query, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Focus area", query.Id);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/focus-areas/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var focusArea = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, focusArea, focusArea.Version);
                })
                .WithName("getFocusArea")
                .WithSummary("Hent et indsatsområde / Get a focus area")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Ét " +
                                 "indsatsområde i arbejdsplanen med ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One focus " +
                                 "area of the work plan with its ETag.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<FocusAreaResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

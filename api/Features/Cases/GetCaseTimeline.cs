using Dapper;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>The history of a case: every state change of the case and its steps, with who and when, oldest first.</summary>
public static class GetCaseTimeline
{
    public sealed record Query(Guid Id) : IRequest<Timeline>;

    public sealed record Timeline(Guid CaseId, string CaseNumber, IReadOnlyList<CaseEventResponse> Events);

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Timeline>
    {
        public async Task<Timeline> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var found = await CasesStore.RequireAsync(connection, query.Id, user, null, cancellationToken);
            var events = await CaseFeedStore.EventsOfCaseAsync(connection, query.Id, cancellationToken);
            return new Timeline(found.Id, found.CaseNumber, events.Select(e => e.ToResponse()).ToList());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases/{id:guid}/timeline", async (Guid id, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(id), http.RequestAborted)))
                .WithName("getCaseTimeline")
                .WithSummary("Hent en sags historik / Get a case's history")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Alle tilstandsskift for sagen og dens trin " +
                                 "(indstillinger, afgørelser, rettelser, ændret forløb) med hvem og hvornår, ældste først." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). Every state change of the case and its steps " +
                                 "(recommendations, decisions, corrections, route changes) with who and when, oldest first.")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

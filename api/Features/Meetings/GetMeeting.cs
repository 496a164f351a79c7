using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>Reads a meeting with its ordered agenda.</summary>
public static class GetMeeting
{
    public sealed record Query(Guid Id) : IRequest<MeetingResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await MeetingsStore.LoadAsync(connection, query.Id, user, StepChange.Today(clock.GetUtcNow()), null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/meetings/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var found = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, found, found.Version);
                })
                .WithName("getMeeting")
                .WithSummary("Hent et møde / Get a meeting")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Mødet med dets dagsorden i rækkefølge (sagernes trin)." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The meeting with its ordered agenda (the cases' steps).")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesRead)
                .Produces<MeetingResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

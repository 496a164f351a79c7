using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>Reads an issued report: the figures stored when it was issued, whatever happened to the data since.</summary>
public static class GetIssuedReport
{
    public sealed record Query(Guid Id) : IRequest<IssuedReportResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IssuedReportResponse>
    {
        public async Task<IssuedReportResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (summary, content) = await IssuedReports.ReadAsync(connection, query.Id, cancellationToken);
            GovernanceModelsStore.Ensure(user, summary.GovernanceModelId);
            return IssuedReports.ToResponse(summary, content);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/reports/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                    // Issued reports never change: their ETag is constant.
                    ETags.OkWithETag(http, await mediator.Send(new Query(id), http.RequestAborted), 1))
                .WithName("getIssuedReport")
                .WithSummary("Hent en udstedt statusrapport / Get an issued status report")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Tallene som de blev gemt ved udstedelsen, uanset " +
                                 "hvad der siden er sket med data." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The figures stored when it was issued, whatever happened to the data since.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<IssuedReportResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

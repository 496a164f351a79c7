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

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, IssuedReportResponse>
    {
        public async Task<IssuedReportResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var (summary, content) = await IssuedReports.ReadAsync(connection, query.Id, cancellationToken);
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
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<IssuedReportResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>The live status report as a printable HTML page or as a PDF printed from that page.</summary>
public static class GetStatusReportDocument
{
    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/api/reports/status/html", async (Guid governanceModelId, DateOnly from, DateOnly to, IMediator mediator, HttpContext http) =>
                {
                    var report = await mediator.Send(new GetStatusReport.Query(governanceModelId, from, to), http.RequestAborted);
                    return TypedResults.Content(StatusReportHtml.Render(report, null), "text/html; charset=utf-8");
                })
                .WithName("getStatusReportHtml")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<string>(StatusCodes.Status200OK, "text/html")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);

            app.MapGet("/api/reports/status/pdf", async (Guid governanceModelId, DateOnly from, DateOnly to, IMediator mediator, IPdfPrinter printer, HttpContext http) =>
                {
                    var report = await mediator.Send(new GetStatusReport.Query(governanceModelId, from, to), http.RequestAborted);
                    var pdf = await printer.PrintAsync(StatusReportHtml.Render(report, null), http.RequestAborted);
                    return TypedResults.File(pdf, "application/pdf", $"status-report-{report.GovernanceModel.Code}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf");
                })
                .WithName("getStatusReportPdf")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
    }
}

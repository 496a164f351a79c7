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
                .WithSummary("Aktuel statusrapport som HTML / Live status report as HTML")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Den aktuelle statusrapport som printbar HTML-side." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The live status report as a printable HTML page.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<string>(StatusCodes.Status200OK, "text/html")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);

            app.MapGet("/api/reports/status/pdf", async (Guid governanceModelId, DateOnly from, DateOnly to, IMediator mediator, IPdfPrinter printer, HttpContext http) =>
                {
                    var report = await mediator.Send(new GetStatusReport.Query(governanceModelId, from, to), http.RequestAborted);
                    var pdf = await printer.PrintAsync(StatusReportHtml.Render(report, null), http.RequestAborted);
                    return TypedResults.File(pdf, "application/pdf", $"status-report-{report.GovernanceModel.Code}-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.pdf");
                })
                .WithName("getStatusReportPdf")
                .WithSummary("Aktuel statusrapport som PDF / Live status report as PDF")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Den aktuelle statusrapport printet til PDF med " +
                                 "Chromium. 503 når ingen Chromium er installeret på serveren." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The live status report printed to PDF with Chromium. 503 " +
                                 "when no Chromium is installed on the server.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
    }
}

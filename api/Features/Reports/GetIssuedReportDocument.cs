using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>An issued report as a printable HTML page or a PDF, with its stored figures and issue date.</summary>
public static class GetIssuedReportDocument
{
    private static StatusReportHtml.Issue IssueOf(IssuedReportResponse issued) => new(issued.Title, issued.IssuedAt, issued.IssuedBy, issued.ContentSha256);

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/api/reports/{id:guid}/html", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var issued = await mediator.Send(new GetIssuedReport.Query(id), http.RequestAborted);
                    return TypedResults.Content(StatusReportHtml.Render(issued.Report, IssueOf(issued)), "text/html; charset=utf-8");
                })
                .WithName("getIssuedReportHtml")
                .WithSummary("Udstedt statusrapport som HTML / Issued status report as HTML")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). En printbar HTML-side med rapportens gemte tal og udstedelsesdato." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). A printable HTML page with the report's stored figures and issue date.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<string>(StatusCodes.Status200OK, "text/html")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);

            app.MapGet("/api/reports/{id:guid}/pdf", async (Guid id, IMediator mediator, IPdfPrinter printer, HttpContext http) =>
                {
                    var issued = await mediator.Send(new GetIssuedReport.Query(id), http.RequestAborted);
                    var pdf = await printer.PrintAsync(StatusReportHtml.Render(issued.Report, IssueOf(issued)), http.RequestAborted);
                    return TypedResults.File(pdf, "application/pdf", $"status-report-{issued.Report.GovernanceModel.Code}-{issued.IssuedAt:yyyy-MM-dd}-{id.ToString()[..8]}.pdf");
                })
                .WithName("getIssuedReportPdf")
                .WithSummary("Udstedt statusrapport som PDF / Issued status report as PDF")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). En PDF printet fra HTML-siden med Chromium. 503 når " +
                                 "ingen Chromium er installeret på serveren." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). A PDF printed from the HTML page with Chromium. 503 when " +
                                 "no Chromium is installed on the server.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
    }
}

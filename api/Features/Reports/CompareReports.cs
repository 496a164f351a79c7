using System.Text.Json;
using FluentValidation;
using Klima.Api.Domain.Reports;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>
/// Compares the figures of an issued report with another issued report, or with the live report for the same model
/// and period (<c>with=live</c>): every figure that differs, with before, after and the difference.
/// </summary>
public static class CompareReports
{
    public sealed record Query(Guid Id, string With) : IRequest<ReportComparison>;

    /// <summary>One side of a comparison; Id and IssuedAt are null for the live report.</summary>
    public sealed record ComparedReport(Guid? Id, string Title, DateTimeOffset? IssuedAt, DateTimeOffset GeneratedAt, DateOnly From, DateOnly To);

    public sealed record ReportComparison(ComparedReport Before, ComparedReport After, IReadOnlyList<FigureChange> Changes, int UnchangedFigures);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.With).NotEmpty()
            .Must(w => w == "live" || Guid.TryParse(w, out _)).WithMessage(_ => Messages.Get("Report.CompareWith"));
    }

    internal sealed class Handler(IMediator mediator) : IRequestHandler<Query, ReportComparison>
    {
        public async Task<ReportComparison> Handle(Query query, CancellationToken cancellationToken)
        {
            var before = await mediator.Send(new GetIssuedReport.Query(query.Id), cancellationToken);
            ComparedReport afterSide;
            StatusReport afterReport;
            if (query.With == "live")
            {
                afterReport = await mediator.Send(new GetStatusReport.Query(before.Report.GovernanceModel.Id, before.Report.From, before.Report.To), cancellationToken);
                afterSide = new ComparedReport(null, "Live", null, afterReport.GeneratedAt, afterReport.From, afterReport.To);
            }
            else
            {
                var other = await mediator.Send(new GetIssuedReport.Query(Guid.Parse(query.With)), cancellationToken);
                afterReport = other.Report;
                afterSide = new ComparedReport(other.Id, other.Title, other.IssuedAt, other.Report.GeneratedAt, other.Report.From, other.Report.To);
            }
            var (changes, unchanged) = FigureDiff.Compare(
                JsonSerializer.SerializeToNode(before.Report, ReportJson.Options), JsonSerializer.SerializeToNode(afterReport, ReportJson.Options));
            return new ReportComparison(
                new ComparedReport(before.Id, before.Title, before.IssuedAt, before.Report.GeneratedAt, before.Report.From, before.Report.To),
                afterSide, changes, unchanged);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/reports/{id:guid}/comparison", async (Guid id, string with, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(id, with), http.RequestAborted)))
                .WithName("compareReports")
                .WithSummary("Sammenlign statusrapporter / Compare status reports")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Sammenligner tallene i en udstedt rapport med en " +
                                 "anden udstedt rapport eller med den aktuelle rapport for samme model og periode (with=live): hvert tal, der afviger, med før, efter og forskel." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Compares the figures of an issued report with another " +
                                 "issued report, or with the live report for the same model and period (with=live): every figure that differs, with " +
                                 "before, after and the difference.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

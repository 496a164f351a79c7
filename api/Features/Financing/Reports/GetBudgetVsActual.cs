using FluentValidation;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.Extensions.Options;
using Klima.Api.Domain;

namespace Klima.Api.Features.Financing.Reports;

/// <summary>Budget versus actual per programme and payer (optionally also per period), as of a day; JSON or CSV.</summary>
public static class GetBudgetVsActual
{
    public sealed record Query : IRequest<RollupEngine.Result>, IReportQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public Guid? ProgrammeId { get; init; }
        public Guid? PayerId { get; init; }
        public DateOnly? AsOf { get; init; }
        public bool? ByPeriod { get; init; }
        public string? Granularity { get; init; }
        public string? Format { get; init; }
        public string? Locale { get; init; }
        public bool? Bom { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ReportQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, RollupEngine.Result>
    {
        public async Task<RollupEngine.Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            IReadOnlyList<string> groupBy = query.ByPeriod == true ? ["programme", "payer", "period"] : ["programme", "payer"];
            var model = await RollupEngine.ResolveModelAsync(connection, query, user, cancellationToken);
            return await RollupEngine.RunAsync(connection, model, query, groupBy, clock.Today(), cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/budget-vs-actual", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                {
                    var result = await mediator.Send(query, http.RequestAborted);
                    return ContentResponses.WantsCsv(http.Request, query.Format)
                        ? ContentResponses.Bytes(http, RollupEngine.ToCsv(result, query.Locale, query.Bom == true), FinancingCsv.ContentType)
                        : ContentResponses.Json(http, RollupEngine.ToPage(result, Paging.MaxLimit, null, http.Request), json.Value.SerializerOptions);
                })
                .WithName("getBudgetVsActual")
                .WithSummary("Budget mod forbrug / Budget versus actual")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Budget mod forbrug pr. program og betaler " +
                                 "(eventuelt også pr. periode) på en dag; JSON eller CSV. ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Budget versus actual per programme and payer (optionally " +
                                 "also per period), as of a day; JSON or CSV. ETag and 304.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<RollupResponse>(contentType: "application/json")
                .WithMetadata(new CsvExport())
                .Produces(StatusCodes.Status304NotModified)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

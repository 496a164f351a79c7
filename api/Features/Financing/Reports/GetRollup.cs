using FluentValidation;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Microsoft.Extensions.Options;
using Klima.Api.Domain;

namespace Klima.Api.Features.Financing.Reports;

/// <summary>
/// Integrator read: budget, actual and variance rolled up by any of programme, period, payer and cost type, using the
/// budget versions in force on <c>asOf</c> (default today). JSON (paged) or CSV (whole result); ETag + 304.
/// </summary>
public static class GetRollup
{
    public sealed record Query : IRequest<RollupEngine.Result>, IReportQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public Guid? ProgrammeId { get; init; }
        public Guid? PayerId { get; init; }
        public DateOnly? AsOf { get; init; }
        public string? GroupBy { get; init; }
        public string? Granularity { get; init; }
        public string? Format { get; init; }
        public string? Locale { get; init; }
        public bool? Bom { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }

        public IReadOnlyList<string> Dimensions =>
            (string.IsNullOrWhiteSpace(GroupBy) ? "programme,period,payer,costType" : GroupBy)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ReportQueryRules());
            RuleFor(q => q.GroupBy).MaximumLength(100)
                .Must((q, _) => q.Dimensions.All(RollupEngine.Dimensions.Contains))
                .WithMessage(_ => Messages.Get("Financing.GroupBy"));
            RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
            RuleFor(q => q.Cursor).MaximumLength(500);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, RollupEngine.Result>
    {
        public async Task<RollupEngine.Result> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await RollupEngine.ResolveModelAsync(connection, query, user, cancellationToken);
            return await RollupEngine.RunAsync(connection, model, query, query.Dimensions, clock.Today(), cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/rollups", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                {
                    var result = await mediator.Send(query, http.RequestAborted);
                    return ContentResponses.WantsCsv(http.Request, query.Format)
                        ? ContentResponses.Bytes(http, RollupEngine.ToCsv(result, query.Locale, query.Bom == true), FinancingCsv.ContentType)
                        : ContentResponses.Json(http, RollupEngine.ToPage(result, query.Limit ?? Paging.DefaultLimit, query.Cursor, http.Request), json.Value.SerializerOptions);
                })
                .WithName("getFinancingRollup")
                .WithSummary("Sammentælling af budget og forbrug / Roll-up of budget and actuals")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Til integratorer: budget, forbrug og afvigelse " +
                                 "samlet efter program, periode, betaler og omkostningstype, med de budgetversioner der er i kraft på asOf (i dag som " +
                                 "standard). JSON (sidevis) eller CSV (hele resultatet); ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). For integrators: budget, actual and variance rolled up " +
                                 "by any of programme, period, payer and cost type, using the budget versions in force on asOf (default today). JSON " +
                                 "(paged) or CSV (whole result); ETag and 304.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .CacheReadModel()
                .Produces<RollupResponse>(contentType: "application/json")
                .WithMetadata(new CsvExport())
                .Produces(StatusCodes.Status304NotModified)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

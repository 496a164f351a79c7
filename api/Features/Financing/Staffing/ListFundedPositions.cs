using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Staffing;

/// <summary>Lists staff positions with their financing: FTE, employer, placement, funding programme and annual cost.</summary>
public static class ListFundedPositions
{
    public sealed record Query : IRequest<Slice<FundedPositionResponse>>
    {
        public Guid? ProgrammeId { get; init; }
        public Guid? BodyId { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
            RuleFor(q => q.Cursor).MaximumLength(500);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<FundedPositionResponse>>
    {
        public async Task<Slice<FundedPositionResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var sql = new StringBuilder(StaffingStore.Select);
            var parameters = new DynamicParameters();
            if (query.ProgrammeId is { } programmeId)
            {
                var all = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken));
                sql.Append(" AND s.funding_programme_id IN ").Append(SqlIn.Guids(parameters, "Programme", ProgrammesStore.WithDescendants(all, programmeId)));
            }
            if (query.BodyId is not null) sql.Append(" AND s.body_id = @BodyId");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND s.id > @After");
            var take = query.Limit ?? Paging.DefaultLimit;
            sql.Append(" ORDER BY s.id").Append(db.Dialect.Limit("@Take"));
            parameters.AddDynamicParams(new { query.BodyId, After = after, Take = take + 1 });
            var rows = await connection.QueryAsync<FundedPositionRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
            return Slice<FundedPositionResponse>.FromRows(rows.Select(r => r.ToResponse()).ToList(), take, p => p.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/staffing", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listFundedPositions")
                .WithSummary("Vis finansierede stillinger / List funded positions")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Stillinger med finansiering: årsværk, ansættende " +
                                 "organisation, placering, program og årlig omkostning. ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Staff positions with their financing: FTE, employer, " +
                                 "placement, funding programme and annual cost. ETag and 304.")
                .Produces<Page<FundedPositionResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem();
    }
}

/// <summary>A staff position seen from financing: who employs it, where it sits, what pays for it and what it costs a year.</summary>
public sealed record FundedPositionResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string Title { get; init; }
    /// <summary>Full-time equivalents, e.g. 1.00.</summary>
    public required decimal Fte { get; init; }
    public required Guid EmployerOrganisationId { get; init; }
    public required string EmployerName { get; init; }
    public Guid? PlacementBodyId { get; init; }
    public string? PlacementBodyName { get; init; }
    public Guid? FundingProgrammeId { get; init; }
    public string? FundingProgrammeCode { get; init; }
    /// <summary>Null when not stated; <see cref="AnnualCostNote"/> then says why (e.g. not given in the sources).</summary>
    public MoneyAmount? AnnualCost { get; init; }
    /// <summary>Where the annual cost comes from, or why it is not given.</summary>
    public string? AnnualCostNote { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public required int Version { get; init; }
}

internal sealed record FundedPositionRow
{
    public Guid Id { get; init; }
    public Guid BodyId { get; init; }
    public string Title { get; init; } = "";
    public int FteHundredths { get; init; }
    public Guid EmployerOrganisationId { get; init; }
    public string EmployerName { get; init; } = "";
    public Guid? PlacementBodyId { get; init; }
    public string? PlacementBodyName { get; init; }
    public Guid? FundingProgrammeId { get; init; }
    public string? FundingProgrammeCode { get; init; }
    public long? AnnualCostOre { get; init; }
    public string? AnnualCostNote { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public int Version { get; init; }

    public FundedPositionResponse ToResponse() => new()
    {
        Id = Id, BodyId = BodyId, Title = Title, Fte = FteHundredths * 0.01m, EmployerOrganisationId = EmployerOrganisationId, EmployerName = EmployerName,
        PlacementBodyId = PlacementBodyId, PlacementBodyName = PlacementBodyName, FundingProgrammeId = FundingProgrammeId, FundingProgrammeCode = FundingProgrammeCode,
        AnnualCost = MoneyAmount.OfOre(AnnualCostOre), AnnualCostNote = AnnualCostNote, ValidFrom = ValidFrom, ValidTo = ValidTo, Version = Version,
    };
}

using Dapper;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Programmes;

/// <summary>Reads a programme with its phases, commitments and grant totals by state (over the programme and its phases).</summary>
public static class GetProgramme
{
    public sealed record Query(Guid Id) : IRequest<ProgrammeDetailResponse>;

    internal sealed record GrantSum
    {
        public string State { get; init; } = "";
        public long Total { get; init; }
    }

    internal sealed record CommitmentRow
    {
        public Guid Id { get; init; }
        public Guid ProgrammeId { get; init; }
        public Guid PayerId { get; init; }
        public string PayerCode { get; init; } = "";
        public string PayerName { get; init; } = "";
        public long? AmountOre { get; init; }
        public int? FteHundredths { get; init; }
        public DateOnly? PeriodFrom { get; init; }
        public DateOnly? PeriodTo { get; init; }
        public string Description { get; init; } = "";
        public string? SourceRef { get; init; }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, ProgrammeDetailResponse>
    {
        public async Task<ProgrammeDetailResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var all = (await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken))).ToList();
            var programme = all.FirstOrDefault(p => p.Id == query.Id) ?? throw new NotFoundException("Programme", query.Id);
            var ids = ProgrammesStore.WithDescendants(all, programme.Id).ToList();

            var sumParameters = new DynamicParameters();
            var sums = (await connection.QueryAsync<GrantSum>(new CommandDefinition(
                "SELECT state, SUM(amount_ore) AS total FROM funding_grant WHERE deleted_at IS NULL AND programme_id IN " + SqlIn.Guids(sumParameters, "Programme", ids) + " GROUP BY state",
                sumParameters, cancellationToken: cancellationToken))).ToDictionary(s => s.State, s => s.Total, StringComparer.Ordinal);
            var commitmentParameters = new DynamicParameters();
            var commitments = (await connection.QueryAsync<CommitmentRow>(new CommandDefinition("""
                SELECT c.id, c.programme_id, c.payer_id, p.code AS payer_code, p.name AS payer_name, c.amount_ore, c.fte_hundredths,
                       c.period_from, c.period_to, c.description, c.source_ref
                FROM funding_commitment c JOIN funding_payer p ON p.id = c.payer_id
                WHERE c.deleted_at IS NULL AND c.programme_id IN
                """ + SqlIn.Guids(commitmentParameters, "Programme", ids) + " ORDER BY c.id", commitmentParameters, cancellationToken: cancellationToken))).ToList();

            MoneyAmount Sum(GrantState state) => MoneyAmount.OfOre(sums.GetValueOrDefault(state.Text()));
            return new ProgrammeDetailResponse
            {
                Programme = programme.ToResponse(),
                Phases = all.Where(p => p.ParentProgrammeId == programme.Id).OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => p.ToResponse()).ToList(),
                Grants = new GrantTotals(Sum(GrantState.Reserved), Sum(GrantState.Released), Sum(GrantState.Spent), Sum(GrantState.Closed)),
                Commitments = commitments.Select(c => new CommitmentResponse
                {
                    Id = c.Id, ProgrammeId = c.ProgrammeId, PayerId = c.PayerId, PayerCode = c.PayerCode, PayerName = c.PayerName,
                    Amount = MoneyAmount.OfOre(c.AmountOre), Fte = c.FteHundredths is null ? null : c.FteHundredths.Value * 0.01m,
                    PeriodFrom = c.PeriodFrom, PeriodTo = c.PeriodTo, Description = c.Description, SourceRef = c.SourceRef,
                }).ToList(),
                Committed = MoneyAmount.Of(Money.Sum(commitments.Select(c => new Money(c.AmountOre ?? 0)))),
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/programmes/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                    ContentResponses.Json(http, await mediator.Send(new Query(id), http.RequestAborted), json.Value.SerializerOptions))
                .WithName("getFundingProgramme")
                .WithSummary("Hent et finansieringsprogram / Get a funding programme")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Programmet med faser, tilsagn og bevillingstotaler " +
                                 "pr. tilstand (over programmet og dets faser)." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The programme with its phases, commitments and grant " +
                                 "totals by state (over the programme and its phases).")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<ProgrammeDetailResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

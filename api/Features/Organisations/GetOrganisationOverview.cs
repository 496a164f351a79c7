using Dapper;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Organisations;

/// <summary>
/// An organisation's page in one read: the seats it fills (and who holds them today), its cases, and what it pays and
/// receives per calendar year (budget lines of approved budgets, commitments such as "1 secretariat resource", and the
/// funded staff positions it employs).
/// </summary>
public static class GetOrganisationOverview
{
    public sealed record Query(Guid Id) : IRequest<Overview>;

    public sealed record Overview
    {
        public required Guid OrganisationId { get; init; }
        public required IReadOnlyList<SeatLine> Seats { get; init; }
        /// <summary>False when the caller may not read cases (or reads another organisation's): the list is then empty.</summary>
        public required bool CasesShown { get; init; }
        public required IReadOnlyList<CaseLine> Cases { get; init; }
        /// <summary>False when the caller may not read budgets: the years are then empty.</summary>
        public required bool FinancingShown { get; init; }
        /// <summary>Calendar years, oldest first, from the first year with financing to this year (or the last year a period ends).</summary>
        public required IReadOnlyList<FinanceYear> Years { get; init; }
    }

    public sealed record SeatLine
    {
        public required Guid SeatId { get; init; }
        public required Guid BodyId { get; init; }
        public required string BodyName { get; init; }
        public required string Label { get; init; }
        public required string Role { get; init; }
        public Guid? HolderPersonId { get; init; }
        public string? HolderName { get; init; }
        public DateOnly? HolderFrom { get; init; }
    }

    public sealed record CaseLine
    {
        public required Guid Id { get; init; }
        public required string CaseNumber { get; init; }
        public required string Title { get; init; }
        public required string InterestCode { get; init; }
        /// <summary>owner: the organisation owns the case; initiator: it raised it.</summary>
        public required string Relation { get; init; }
    }

    public sealed record FinanceYear
    {
        public required int Year { get; init; }
        public required IReadOnlyList<FinanceLine> Pays { get; init; }
        public required IReadOnlyList<FinanceLine> Receives { get; init; }
    }

    public sealed record FinanceLine
    {
        /// <summary>budget: approved budget lines in the year; commitment: a commitment whose period covers the year; position: a funded position it employs.</summary>
        public required string Source { get; init; }
        public required Guid ProgrammeId { get; init; }
        public required string ProgrammeCode { get; init; }
        public required string ProgrammeName { get; init; }
        public Guid? PayerId { get; init; }
        public string? PayerName { get; init; }
        /// <summary>The organisation pays as one of a group (its own share is not recorded).</summary>
        public required bool Jointly { get; init; }
        /// <summary>Budget: the year's sum. Commitment: its whole amount when its period lies within the year; null otherwise.</summary>
        public MoneyAmount? Amount { get; init; }
        public decimal? Fte { get; init; }
        public DateOnly? PeriodFrom { get; init; }
        public DateOnly? PeriodTo { get; init; }
        public string? Text { get; init; }
    }

    private const int MaxYears = 40;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Overview>
    {
        private const string SeatsSql = """
            SELECT s.id AS seat_id, s.body_id, b.name AS body_name, s.label, s.role, s.ordinal,
                   m.person_id AS holder_person_id, p.name AS holder_name, m.valid_from AS holder_from
            FROM seat s
            JOIN body b ON b.id = s.body_id AND b.deleted_at IS NULL
            LEFT JOIN membership m ON m.seat_id = s.id AND m.deleted_at IS NULL AND m.valid_from <= @Today AND (m.valid_to IS NULL OR m.valid_to > @Today)
            LEFT JOIN person p ON p.id = m.person_id
            WHERE s.deleted_at IS NULL AND (s.represents_organisation_id = @Id OR s.appointed_by_organisation_id = @Id)
            ORDER BY b.name, s.ordinal
            """;

        private const string CasesSql = """
            SELECT c.id, c.case_number, c.title, c.interest_code,
                   CASE WHEN c.owner_organisation_id = @Id THEN 'owner' ELSE 'initiator' END AS relation
            FROM case_file c
            WHERE c.deleted_at IS NULL AND (c.owner_organisation_id = @Id OR c.initiator_organisation_id = @Id)
            """;

        // The payers the organisation is (a single organisation's payer) or belongs to (a group paying jointly).
        private const string PayersSql = """
            SELECT p.id, p.name, CASE WHEN p.organisation_id = @Id THEN 0 ELSE 1 END AS jointly
            FROM funding_payer p
            WHERE p.organisation_id = @Id
               OR EXISTS (SELECT 1 FROM funding_payer_member pm WHERE pm.payer_id = p.id AND pm.organisation_id = @Id)
            """;

        // The lines of each budget's latest approved version.
        private const string BudgetLinesSql = """
            SELECT l.payer_id, l.period_from, l.period_to, l.amount_ore, pr.id AS programme_id, pr.code AS programme_code, pr.name AS programme_name
            FROM budget_line l
            JOIN budget_version v ON v.id = l.budget_version_id AND v.status = 'approved'
            JOIN budget b ON b.id = v.budget_id AND b.deleted_at IS NULL
            JOIN funding_programme pr ON pr.id = b.programme_id
            WHERE l.payer_id IN {0}
              AND v.version_number = (SELECT MAX(v2.version_number) FROM budget_version v2 WHERE v2.budget_id = v.budget_id AND v2.status = 'approved')
            """;

        private const string CommitmentsSql = """
            SELECT c.payer_id, c.amount_ore, c.fte_hundredths, c.period_from, c.period_to, c.description,
                   pr.id AS programme_id, pr.code AS programme_code, pr.name AS programme_name
            FROM funding_commitment c
            JOIN funding_programme pr ON pr.id = c.programme_id
            WHERE c.deleted_at IS NULL AND c.payer_id IN {0}
            """;

        private const string PositionsSql = """
            SELECT sp.title, sp.fte_hundredths, sp.valid_from, sp.valid_to, sp.annual_cost_ore,
                   pr.id AS programme_id, pr.code AS programme_code, pr.name AS programme_name, pr.valid_from AS programme_from, pr.valid_to AS programme_to
            FROM staff_position sp
            JOIN funding_programme pr ON pr.id = sp.funding_programme_id
            WHERE sp.deleted_at IS NULL AND sp.employer_organisation_id = @Id
            """;

        public async Task<Overview> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            _ = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                    "SELECT 1 FROM organisation WHERE id = @Id AND deleted_at IS NULL", query, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("Organisation", query.Id);
            var today = clock.Today();

            var seats = (await connection.QueryAsync<SeatRow>(new CommandDefinition(SeatsSql, new { query.Id, Today = today },
                cancellationToken: cancellationToken))).Select(s => new SeatLine
            {
                SeatId = s.SeatId, BodyId = s.BodyId, BodyName = s.BodyName, Label = s.Label, Role = s.Role,
                HolderPersonId = s.HolderPersonId, HolderName = s.HolderName, HolderFrom = s.HolderFrom,
            }).ToList();

            // A caller bound to another organisation sees none of this one's cases; one without case access sees none.
            var casesShown = user.Has(Permissions.CasesRead) && (user.OrganisationScope is null || user.OrganisationScope == query.Id);
            var cases = casesShown
                ? (await connection.QueryAsync<CaseLine>(new CommandDefinition(CasesSql + " ORDER BY c.case_number DESC", new { query.Id },
                    cancellationToken: cancellationToken))).ToList()
                : [];

            var financingShown = user.Has(Permissions.BudgetsRead);
            if (!financingShown)
            {
                return new Overview { OrganisationId = query.Id, Seats = seats, CasesShown = casesShown, Cases = cases, FinancingShown = false, Years = [] };
            }
            var payers = (await connection.QueryAsync<PayerRow>(new CommandDefinition(PayersSql, new { query.Id }, cancellationToken: cancellationToken)))
                .ToDictionary(p => p.Id);
            var budgetLines = await SqlIn.QueryChunkedAsync<BudgetLineRow>(connection, BudgetLinesSql, payers.Keys, null, cancellationToken);
            var commitments = await SqlIn.QueryChunkedAsync<CommitmentRow>(connection, CommitmentsSql, payers.Keys, null, cancellationToken);
            var positions = (await connection.QueryAsync<PositionRow>(new CommandDefinition(PositionsSql, new { query.Id },
                cancellationToken: cancellationToken))).ToList();

            return new Overview
            {
                OrganisationId = query.Id, Seats = seats, CasesShown = casesShown, Cases = cases, FinancingShown = true,
                Years = Years(today.Year, payers, budgetLines, commitments, positions),
            };
        }

        private static List<FinanceYear> Years(int thisYear, Dictionary<Guid, PayerRow> payers, List<BudgetLineRow> budgetLines,
            List<CommitmentRow> commitments, List<PositionRow> positions)
        {
            // Which years to show: from the first dated start to this year or the last dated end, whichever is later.
            var starts = budgetLines.Select(l => (DateOnly?)l.PeriodFrom)
                .Concat(commitments.Select(c => c.PeriodFrom))
                .Concat(positions.Select(p => p.ValidFrom ?? p.ProgrammeFrom))
                .OfType<DateOnly>().ToList();
            if (starts.Count == 0) return [];
            var ends = budgetLines.Select(l => (DateOnly?)l.PeriodTo).Concat(commitments.Select(c => c.PeriodTo))
                .Concat(positions.Select(p => p.ValidTo ?? p.ProgrammeTo)).OfType<DateOnly>().Select(d => d.AddDays(-1).Year);
            var first = starts.Min().Year;
            var last = Math.Max(thisYear, ends.DefaultIfEmpty(thisYear).Max());
            first = Math.Max(first, last - MaxYears + 1);

            var years = new List<FinanceYear>();
            for (var year = first; year <= last; year++)
            {
                var yearStart = new DateOnly(year, 1, 1);
                var yearEnd = yearStart.AddYears(1);
                var pays = new List<FinanceLine>();

                // Budget lines: the part of each line's amount that falls in the year (by days; whole øre, exact).
                foreach (var group in budgetLines
                             .Select(l => (Line: l, Ore: OreInYear(l, yearStart, yearEnd)))
                             .Where(x => x.Ore != 0)
                             .GroupBy(x => (x.Line.ProgrammeId, x.Line.PayerId))
                             .OrderBy(g => g.First().Line.ProgrammeName, StringComparer.Ordinal))
                {
                    var line = group.First().Line;
                    var payer = payers[line.PayerId];
                    pays.Add(new FinanceLine
                    {
                        Source = "budget", ProgrammeId = line.ProgrammeId, ProgrammeCode = line.ProgrammeCode, ProgrammeName = line.ProgrammeName,
                        PayerId = payer.Id, PayerName = payer.Name, Jointly = payer.Jointly,
                        Amount = MoneyAmount.OfOre(group.Sum(x => x.Ore)),
                    });
                }

                foreach (var c in commitments.Where(c => Overlaps(c.PeriodFrom, c.PeriodTo, yearStart, yearEnd))
                             .OrderBy(c => c.ProgrammeName, StringComparer.Ordinal))
                {
                    var payer = payers[c.PayerId];
                    var withinYear = c.PeriodFrom is { } f && c.PeriodTo is { } t && f >= yearStart && t <= yearEnd;
                    pays.Add(new FinanceLine
                    {
                        Source = "commitment", ProgrammeId = c.ProgrammeId, ProgrammeCode = c.ProgrammeCode, ProgrammeName = c.ProgrammeName,
                        PayerId = payer.Id, PayerName = payer.Name, Jointly = payer.Jointly,
                        Amount = withinYear ? MoneyAmount.OfOre(c.AmountOre) : null,
                        Fte = c.FteHundredths / 100m, PeriodFrom = c.PeriodFrom, PeriodTo = c.PeriodTo, Text = c.Description,
                    });
                }

                var receives = positions
                    .Where(p => Overlaps(p.ValidFrom ?? p.ProgrammeFrom, p.ValidTo ?? p.ProgrammeTo, yearStart, yearEnd))
                    .OrderBy(p => p.ProgrammeName, StringComparer.Ordinal).ThenBy(p => p.Title, StringComparer.Ordinal)
                    .Select(p => new FinanceLine
                    {
                        Source = "position", ProgrammeId = p.ProgrammeId, ProgrammeCode = p.ProgrammeCode, ProgrammeName = p.ProgrammeName,
                        Jointly = false, Amount = MoneyAmount.OfOre(p.AnnualCostOre), Fte = p.FteHundredths / 100m,
                        PeriodFrom = p.ValidFrom ?? p.ProgrammeFrom, PeriodTo = p.ValidTo ?? p.ProgrammeTo, Text = p.Title,
                    }).ToList();

                if (pays.Count > 0 || receives.Count > 0)
                {
                    years.Add(new FinanceYear { Year = year, Pays = pays, Receives = receives });
                }
            }
            return years;
        }

        private static bool Overlaps(DateOnly? from, DateOnly? to, DateOnly start, DateOnly end) =>
            from is not null && from < end && (to is null || to > start);

        /// <summary>
        /// The øre of a line that fall in [start, end): all of it when the line lies inside, else a share by days, rounded
        /// down, with the remainder in the line's last year so that the years add up to the line exactly.
        /// </summary>
        internal static long OreInYear(BudgetLineRow line, DateOnly start, DateOnly end)
        {
            if (line.PeriodFrom >= end || line.PeriodTo <= start) return 0;
            if (line.PeriodFrom >= start && line.PeriodTo <= end) return line.AmountOre;
            var totalDays = line.PeriodTo.DayNumber - line.PeriodFrom.DayNumber;
            var lastYearStart = new DateOnly(line.PeriodTo.AddDays(-1).Year, 1, 1);
            if (start == lastYearStart)
            {
                // The last year takes what the earlier years did not.
                long earlier = 0;
                for (var y = line.PeriodFrom.Year; y < start.Year; y++)
                {
                    earlier += OreInYear(line, new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
                }
                return line.AmountOre - earlier;
            }
            var from = line.PeriodFrom > start ? line.PeriodFrom : start;
            var to = line.PeriodTo < end ? line.PeriodTo : end;
            return (long)Math.Floor((decimal)line.AmountOre * (to.DayNumber - from.DayNumber) / totalDays);
        }
    }

    internal sealed class SeatRow
    {
        public Guid SeatId { get; init; }
        public Guid BodyId { get; init; }
        public string BodyName { get; init; } = "";
        public string Label { get; init; } = "";
        public string Role { get; init; } = "";
        public int Ordinal { get; init; }
        public Guid? HolderPersonId { get; init; }
        public string? HolderName { get; init; }
        public DateOnly? HolderFrom { get; init; }
    }

    internal sealed class PayerRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool Jointly { get; init; }
    }

    internal sealed class BudgetLineRow
    {
        public Guid PayerId { get; init; }
        public DateOnly PeriodFrom { get; init; }
        public DateOnly PeriodTo { get; init; }
        public long AmountOre { get; init; }
        public Guid ProgrammeId { get; init; }
        public string ProgrammeCode { get; init; } = "";
        public string ProgrammeName { get; init; } = "";
    }

    internal sealed class CommitmentRow
    {
        public Guid PayerId { get; init; }
        public long? AmountOre { get; init; }
        public int? FteHundredths { get; init; }
        public DateOnly? PeriodFrom { get; init; }
        public DateOnly? PeriodTo { get; init; }
        public string Description { get; init; } = "";
        public Guid ProgrammeId { get; init; }
        public string ProgrammeCode { get; init; } = "";
        public string ProgrammeName { get; init; } = "";
    }

    internal sealed class PositionRow
    {
        public string Title { get; init; } = "";
        public int FteHundredths { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public long? AnnualCostOre { get; init; }
        public Guid ProgrammeId { get; init; }
        public string ProgrammeCode { get; init; } = "";
        public string ProgrammeName { get; init; } = "";
        public DateOnly? ProgrammeFrom { get; init; }
        public DateOnly? ProgrammeTo { get; init; }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/organisations/{id:guid}/overview", async (Guid id, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(id), http.RequestAborted)))
                .WithName("getOrganisationOverview")
                .WithSummary("Hent en organisations oversigt / Get an organisation's overview")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organisationens pladser, personer og sager, og hvad den betaler og modtager pr. år. 404 for en ukendt organisation." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The " +
                                 "organisation's seats, people and cases, and what it pays and receives per year. 404 for an unknown organisation.")
                .WithTags("Organisations")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<Overview>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using System.Data.Common;
using Dapper;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>The SQL the Grants use cases share.</summary>
internal static class GrantsStore
{
    public const string Select = """
        SELECT g.id, g.programme_id, fp.code AS programme_code, g.payer_id, p.code AS payer_code, g.title, g.amount_ore, g.state,
               g.conditions, g.reserved_on, g.reserved_by_decision_ref, g.expected_release_on, g.released_on, g.released_by_decision_ref,
               g.spent_on, g.closed_on, g.version, g.modified_at
        FROM funding_grant g
        JOIN funding_programme fp ON fp.id = g.programme_id
        JOIN funding_payer p ON p.id = g.payer_id
        WHERE g.deleted_at IS NULL
        """;

    public static async Task<GrantResponse> LoadAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition(Select + " AND g.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken))
                  ?? throw new NotFoundException("Grant", id);
        var events = await connection.QueryAsync<GrantEventRow>(new CommandDefinition("""
            SELECT grant_id, from_state, to_state, occurred_on, decision_ref, note, recorded_at, recorded_by
            FROM funding_grant_event WHERE grant_id = @Id ORDER BY recorded_at, id
            """, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return ToResponse(row, events);
    }

    public static GrantResponse ToResponse(GrantRow row, IEnumerable<GrantEventRow> events) => new()
    {
        Id = row.Id, ProgrammeId = row.ProgrammeId, ProgrammeCode = row.ProgrammeCode, PayerId = row.PayerId, PayerCode = row.PayerCode,
        Title = row.Title, Amount = MoneyAmount.OfOre(row.AmountOre), State = row.StateValue, Conditions = row.Conditions,
        ReservedOn = row.ReservedOn, ReservedByDecisionRef = row.ReservedByDecisionRef, ExpectedReleaseOn = row.ExpectedReleaseOn,
        ReleasedOn = row.ReleasedOn, ReleasedByDecisionRef = row.ReleasedByDecisionRef, SpentOn = row.SpentOn, ClosedOn = row.ClosedOn,
        History = events.Select(e => new GrantEventResponse
        {
            FromState = e.FromState is null ? null : Enum.Parse<GrantState>(e.FromState, ignoreCase: true),
            ToState = Enum.Parse<GrantState>(e.ToState, ignoreCase: true),
            OccurredOn = e.OccurredOn, DecisionRef = e.DecisionRef, Note = e.Note, RecordedAt = e.RecordedAt, RecordedBy = e.RecordedBy,
        }).ToList(),
        Version = row.Version, ModifiedAt = row.ModifiedAt,
    };
}

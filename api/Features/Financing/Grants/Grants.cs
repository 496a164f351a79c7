using System.Data.Common;
using Dapper;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>A grant (bevilling): an amount a payer sets aside for a programme, moving reserved → released → spent / closed.</summary>
public sealed record GrantResponse
{
    public required Guid Id { get; init; }
    public required Guid ProgrammeId { get; init; }
    public required string ProgrammeCode { get; init; }
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required string Title { get; init; }
    public required MoneyAmount Amount { get; init; }
    public required GrantState State { get; init; }
    public string? Conditions { get; init; }
    public DateOnly? ReservedOn { get; init; }
    public string? ReservedByDecisionRef { get; init; }
    public DateOnly? ExpectedReleaseOn { get; init; }
    public DateOnly? ReleasedOn { get; init; }
    public string? ReleasedByDecisionRef { get; init; }
    public DateOnly? SpentOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    /// <summary>Every state change, oldest first, with its date and the decision that approved it.</summary>
    public required IReadOnlyList<GrantEventResponse> History { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

public sealed record GrantEventResponse
{
    public GrantState? FromState { get; init; }
    public required GrantState ToState { get; init; }
    public DateOnly? OccurredOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

internal sealed record GrantRow
{
    public Guid Id { get; init; }
    public Guid ProgrammeId { get; init; }
    public string ProgrammeCode { get; init; } = "";
    public Guid PayerId { get; init; }
    public string PayerCode { get; init; } = "";
    public string Title { get; init; } = "";
    public long AmountOre { get; init; }
    public string State { get; init; } = "";
    public string? Conditions { get; init; }
    public DateOnly? ReservedOn { get; init; }
    public string? ReservedByDecisionRef { get; init; }
    public DateOnly? ExpectedReleaseOn { get; init; }
    public DateOnly? ReleasedOn { get; init; }
    public string? ReleasedByDecisionRef { get; init; }
    public DateOnly? SpentOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }

    public GrantState StateValue => Enum.Parse<GrantState>(State, ignoreCase: true);
}

internal sealed record GrantEventRow
{
    public Guid GrantId { get; init; }
    public string? FromState { get; init; }
    public string ToState { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

internal static class GrantSql
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

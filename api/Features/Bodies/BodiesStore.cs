using System.Data.Common;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Look-ups shared by the governance slices: references that must exist, the lock on a body, its composition.</summary>
internal static class BodiesStore
{
    /// <summary>
    /// Takes the write lock on a body's row for the rest of the transaction (<see cref="RowLocks.LockRowAsync"/>), so that
    /// two appointments or seat changes to the same body are judged one after the other. Returns the body's model id,
    /// establishment and dissolution dates; 404 when the body does not exist.
    /// </summary>
    /// <remarks>
    /// This is also the write guard of everything that hangs off a body (seats, composition rules, relations, memberships):
    /// a caller limited to other governance models than the body's is refused (403) before anything is changed.
    /// </remarks>
    [AreaApi]
    public static async Task<LockedBody> LockBodyAsync(this DbConnection connection, Guid bodyId, ICurrentUser user, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.LockRowAsync("body", bodyId, transaction, cancellationToken);
        var body = await connection.QuerySingleOrDefaultAsync<LockedBody>(new CommandDefinition(
                       "SELECT id, governance_model_id, name, established_on, dissolved_on FROM body WHERE id = @Id AND deleted_at IS NULL",
                       new { Id = bodyId }, transaction, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Body", bodyId);
        GovernanceModels.GovernanceModelsStore.Ensure(user, body.GovernanceModelId);
        return body;
    }

    /// <summary>
    /// The partnership guard of a body for reads of what hangs off it and for writes that do not lock it: 403 when the caller
    /// is limited to other governance models than the body's; a body that does not exist passes, so the request answers its own 404 or 422.
    /// </summary>
    [AreaApi]
    public static Task EnsureBodyInScopeAsync(DbConnection connection, ICurrentUser user, Guid bodyId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        GovernanceModels.GovernanceModelsStore.EnsureOwnerAsync(connection, user, "SELECT governance_model_id FROM body WHERE id = @Id", bodyId, transaction, cancellationToken);

    /// <summary>A body's composition rules (parameter <c>@BodyId</c>); read with <see cref="ReadRulesAsync"/>.</summary>
    public const string RulesSql = """
        SELECT code, kind, severity, int_value, category, ref_body_id, description FROM composition_rule
        WHERE body_id = @BodyId AND deleted_at IS NULL ORDER BY code;
        """;

    public static async Task<IReadOnlyList<CompositionRule>> ReadRulesAsync(this SqlMapper.GridReader grid) =>
        (await grid.ReadAsync<RuleRow>()).Select(r => r.ToDomain()).ToList();

    /// <summary>One round trip: the body's rules, live seats and all membership history of those seats.</summary>
    [AreaApi]
    public static async Task<BodyComposition> LoadCompositionAsync(this DbConnection connection, Guid bodyId, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(RulesSql + """
            SELECT id, role, category, represents_organisation_id, label FROM seat
            WHERE body_id = @BodyId AND deleted_at IS NULL ORDER BY ordinal, id;
            SELECT m.id, m.seat_id, m.person_id, m.valid_from, m.valid_to FROM membership m JOIN seat s ON s.id = m.seat_id
            WHERE s.body_id = @BodyId AND s.deleted_at IS NULL AND m.deleted_at IS NULL ORDER BY m.valid_from, m.id;
            """, new { BodyId = bodyId }, transaction, cancellationToken: cancellationToken));
        var rules = await grid.ReadRulesAsync();
        var seats = (await grid.ReadAsync<SeatRow>()).Select(s => new SeatFact(s.Id, s.Role, s.Category, s.RepresentsOrganisationId, s.Label)).ToList();
        var memberships = (await grid.ReadAsync<MembershipRow>()).Select(m => m.ToDomain()).ToList();
        return new BodyComposition(rules, seats, memberships);
    }

    /// <summary>Membership history of the given bodies (for chair rules that refer to another body).</summary>
    [AreaApi]
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<MembershipFact>>> LoadMembershipsOfBodiesAsync(this DbConnection connection,
        IEnumerable<Guid> bodyIds, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var ids = bodyIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<MembershipFact>>();
        }
        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<MembershipRow>(new CommandDefinition($"""
            SELECT m.id, m.seat_id, m.person_id, m.valid_from, m.valid_to, s.body_id FROM membership m JOIN seat s ON s.id = m.seat_id
            WHERE s.body_id IN {SqlIn.Guids(parameters, "Body", ids)} AND s.deleted_at IS NULL AND m.deleted_at IS NULL
            """, parameters, transaction, cancellationToken: cancellationToken));
        var byBody = rows.GroupBy(r => r.BodyId).ToDictionary(g => g.Key, g => (IReadOnlyList<MembershipFact>)g.Select(r => r.ToDomain()).ToList());
        foreach (var id in ids)
        {
            byBody.TryAdd(id, []);
        }
        return byBody;
    }

    internal sealed record LockedBody
    {
        public required Guid Id { get; init; }
        public required Guid GovernanceModelId { get; init; }
        public required string Name { get; init; }
        public DateOnly? EstablishedOn { get; init; }
        public DateOnly? DissolvedOn { get; init; }
    }

    private sealed record RuleRow
    {
        public required string Code { get; init; }
        public required RuleKind Kind { get; init; }
        public required RuleSeverity Severity { get; init; }
        public int? IntValue { get; init; }
        public string? Category { get; init; }
        public Guid? RefBodyId { get; init; }
        public required string Description { get; init; }

        public CompositionRule ToDomain() => new(Code, Kind, Severity, IntValue, Category, RefBodyId, Description);
    }

    private sealed record SeatRow
    {
        public required Guid Id { get; init; }
        public required SeatRole Role { get; init; }
        public string? Category { get; init; }
        public Guid? RepresentsOrganisationId { get; init; }
        public required string Label { get; init; }
    }

    private sealed record MembershipRow
    {
        public required Guid Id { get; init; }
        public required Guid SeatId { get; init; }
        public required Guid PersonId { get; init; }
        public required DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public Guid BodyId { get; init; }

        public MembershipFact ToDomain() => new(Id, SeatId, PersonId, new Period(ValidFrom, ValidTo));
    }

    public const string Columns = """
        b.id, b.governance_model_id, b.code, b.name, b.name_en, b.kind, b.mandate, b.can_decide, b.host_organisation_id,
        b.served_by_body_id, b.served_by_organisation_id, b.established_on, b.established_by_case_ref, b.dissolved_on, b.dissolved_by_case_ref, b.version, b.modified_at,
        CASE WHEN b.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    public const string RelationSelect = """
        SELECT r.id, r.governance_model_id, r.from_body_id, fb.name AS from_body_name, r.to_body_id, tb.name AS to_body_name,
               r.kind, r.note, r.version, r.modified_at
        FROM body_relation r
        JOIN body fb ON fb.id = r.from_body_id
        JOIN body tb ON tb.id = r.to_body_id
        """;

    public const string SeatColumns = """
        s.id, s.body_id, s.ordinal, s.label, s.category, s.role, s.voting, s.represents_organisation_id,
        ro.name AS represents_organisation_name, s.appointed_by_organisation_id, s.appointed_by_body_id, s.version, s.modified_at,
        CASE WHEN s.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    public const string SeatFrom = "FROM seat s LEFT JOIN organisation ro ON ro.id = s.represents_organisation_id";

    public const string RuleColumns = """
        id, body_id, code, kind, severity, int_value AS value, category, ref_body_id, description, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    public static async Task EnsureSeatReferencesAsync(System.Data.Common.DbConnection connection, Guid? represents, Guid? appointedByOrganisation, Guid? appointedByBody,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.EnsureExistsAsync("organisation", represents, "representsOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
        await connection.EnsureExistsAsync("organisation", appointedByOrganisation, "appointedByOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
        await connection.EnsureExistsAsync("body", appointedByBody, "appointedByBodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
    }
}

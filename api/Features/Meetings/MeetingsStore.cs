using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>The SQL the Meetings use cases share: reading meetings and agendas, and who may see a meeting.</summary>
internal static class MeetingsStore
{
    public const string Select = """
        SELECT m.id, m.body_id, b.name AS body_name, b.governance_model_id, m.meeting_date, m.title, m.location, m.state, m.cancellation_reason, m.version, m.modified_at
        FROM meeting m JOIN body b ON b.id = m.body_id
        WHERE m.deleted_at IS NULL
        """;

    [AreaApi]
    public static async Task<MeetingRow> RequireAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<MeetingRow>(new CommandDefinition(Select + " AND m.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken))
        ?? throw new NotFoundException("Meeting", id);

    public static MeetingState State(MeetingRow row, DateOnly today) =>
        string.Equals(row.State, "cancelled", StringComparison.Ordinal) ? MeetingState.Cancelled
        : string.Equals(row.State, "held", StringComparison.Ordinal) || row.MeetingDate < today ? MeetingState.Held
        : MeetingState.Planned;

    /// <summary>The meeting with its ordered agenda; a caller bound to an organisation sees only its own cases on it.</summary>
    public static async Task<MeetingResponse> LoadAsync(DbConnection connection, Guid id, ICurrentUser user, DateOnly today, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var row = await RequireAsync(connection, id, transaction, cancellationToken);
        // A meeting belongs to its body's partnership: a caller limited to other partnerships is refused (403), as for their cases.
        GovernanceModelsStore.Ensure(user, row.GovernanceModelId);
        var sql = new StringBuilder("""
            SELECT a.agenda_position AS position, s.id AS step_id, c.id AS case_id, c.case_number, c.title AS case_title, s.role
            FROM agenda_item a JOIN case_step s ON s.id = a.case_step_id JOIN case_file c ON c.id = s.case_id
            WHERE a.meeting_id = @Id AND c.deleted_at IS NULL
            """);
        if (user.OrganisationScope is not null)
        {
            sql.Append(" AND c.owner_organisation_id = @Scope");
        }
        sql.Append(" ORDER BY a.agenda_position");
        var agenda = (await connection.QueryAsync<AgendaItemResponse>(new CommandDefinition(sql.ToString(), new { Id = id, Scope = user.OrganisationScope },
            transaction, cancellationToken: cancellationToken))).ToList();
        return ToResponse(row, today, agenda);
    }

    public static MeetingResponse ToResponse(MeetingRow row, DateOnly today, IReadOnlyList<AgendaItemResponse> agenda)
    {
        var state = State(row, today);
        return new MeetingResponse
        {
            Id = row.Id, BodyId = row.BodyId, BodyName = row.BodyName, GovernanceModelId = row.GovernanceModelId, Date = row.MeetingDate, Title = row.Title, Location = row.Location,
            State = state, Cancelled = state == MeetingState.Cancelled, CancellationReason = row.CancellationReason, Agenda = agenda,
            Version = row.Version, ModifiedAt = row.ModifiedAt,
        };
    }

    /// <summary>
    /// A caller bound to an organisation (a municipality's case system) manages only the meetings of bodies that
    /// organisation serves (its own council); the joint bodies' meetings are managed by unbound staff or the serving
    /// organisation (403 naming the body otherwise).
    /// </summary>
    private sealed class ServedBy
    {
        public string Name { get; init; } = "";
        public Guid? ServedByOrganisationId { get; init; }
        public string? ServedByOrganisationName { get; init; }
    }

    public static async Task EnsureMayManageAsync(DbConnection connection, DbTransaction transaction, Guid bodyId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.ModelScope is not null)
        {
            GovernanceModelsStore.Ensure(user, await connection.QuerySingleAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM body WHERE id = @Id", new { Id = bodyId }, transaction, cancellationToken: cancellationToken)));
        }
        if (user.OrganisationScope is null)
        {
            return;
        }
        var body = await connection.QuerySingleAsync<ServedBy>(new CommandDefinition("""
            SELECT b.name, b.served_by_organisation_id, o.name AS served_by_organisation_name
            FROM body b LEFT JOIN organisation o ON o.id = b.served_by_organisation_id WHERE b.id = @Id
            """, new { Id = bodyId }, transaction, cancellationToken: cancellationToken));
        CaseAuthorisation.EnsureMayRecord(user, bodyId, body.Name, body.ServedByOrganisationId, body.ServedByOrganisationName);
    }
}

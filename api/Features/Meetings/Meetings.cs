using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

public enum MeetingState
{
    Planned,
    Held,
    Cancelled,
}

public sealed record AgendaItemResponse
{
    public required int Position { get; init; }
    public required Guid StepId { get; init; }
    public required Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string CaseTitle { get; init; }
    public required string Role { get; init; }
}

public sealed record MeetingResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string BodyName { get; init; }
    public required DateOnly Date { get; init; }
    public string? Title { get; init; }
    public string? Location { get; init; }
    /// <summary>Cancelled when cancelled; otherwise held once its date has passed, planned before.</summary>
    public required MeetingState State { get; init; }
    public required bool Cancelled { get; init; }
    public string? CancellationReason { get; init; }
    public required IReadOnlyList<AgendaItemResponse> Agenda { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

internal sealed class MeetingRow
{
    public Guid Id { get; init; }
    public Guid BodyId { get; init; }
    public string BodyName { get; init; } = "";
    public DateOnly MeetingDate { get; init; }
    public string? Title { get; init; }
    public string? Location { get; init; }
    public string State { get; init; } = "";
    public string? CancellationReason { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}

internal static class MeetingReader
{
    public const string Select = """
        SELECT m.id, m.body_id, b.name AS body_name, m.meeting_date, m.title, m.location, m.state, m.cancellation_reason, m.version, m.modified_at
        FROM meeting m JOIN body b ON b.id = m.body_id
        WHERE m.deleted_at IS NULL
        """;

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
            Id = row.Id, BodyId = row.BodyId, BodyName = row.BodyName, Date = row.MeetingDate, Title = row.Title, Location = row.Location,
            State = state, Cancelled = state == MeetingState.Cancelled, CancellationReason = row.CancellationReason, Agenda = agenda,
            Version = row.Version, ModifiedAt = row.ModifiedAt,
        };
    }
}

/// <summary>
/// A caller bound to an organisation (a municipality's case system) manages only the meetings of bodies that
/// organisation serves (its own council); the joint bodies' meetings are managed by unbound staff or the serving
/// organisation (403 naming the body otherwise).
/// </summary>
internal static class MeetingAccess
{
    private sealed class ServedBy
    {
        public string Name { get; init; } = "";
        public Guid? ServedByOrganisationId { get; init; }
        public string? ServedByOrganisationName { get; init; }
    }

    public static async Task EnsureMayManageAsync(DbConnection connection, DbTransaction transaction, Guid bodyId, ICurrentUser user, CancellationToken cancellationToken)
    {
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

/// <summary>Plans a meeting of a body.</summary>
public static class CreateMeeting
{
    public sealed record Command(Guid BodyId, DateOnly Date, string? Title, string? Location) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BodyId).NotEmpty();
            RuleFor(c => c.Title).MaximumLength(200);
            RuleFor(c => c.Location).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM body WHERE id = @Id AND deleted_at IS NULL",
                    new { Id = command.BodyId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw new RuleViolationException("body-exists", $"Body '{command.BodyId}' does not exist.", "bodyId");
            }
            await MeetingAccess.EnsureMayManageAsync(connection, transaction, command.BodyId, user, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO meeting (id, body_id, meeting_date, title, location, state, version, created_at, modified_at)
                VALUES (@Id, @BodyId, @Date, @Title, @Location, 'planned', 1, @Now, @Now)
                """, new { Id = id, command.BodyId, command.Date, command.Title, command.Location, Now = now }, transaction, cancellationToken: cancellationToken));
            var created = await MeetingReader.LoadAsync(connection, id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/meetings", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/meetings/{created.Id}", created);
                })
                .WithName("createMeeting")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Lists meetings, by body and date range, oldest first.</summary>
public static class ListMeetings
{
    public sealed record Query(Guid? BodyId, DateOnly? From, DateOnly? To, int? Limit, string? Cursor) : IRequest<Slice<MeetingResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
            RuleFor(q => q.Cursor).MaximumLength(500);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Slice<MeetingResponse>>
    {
        public async Task<Slice<MeetingResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var take = query.Limit ?? Paging.DefaultLimit;
            var sql = new StringBuilder(MeetingReader.Select);
            if (query.BodyId is not null) sql.Append(" AND m.body_id = @BodyId");
            if (query.From is not null) sql.Append(" AND m.meeting_date >= @From");
            if (query.To is not null) sql.Append(" AND m.meeting_date < @To");
            // Keyset on (date, id) so that the list reads as a calendar.
            var after = Cursor.Decode(query.Cursor) is { } key ? ParseKey(key) : ((DateOnly, Guid)?)null;
            if (after is not null) sql.Append(" AND (m.meeting_date > @AfterDate OR (m.meeting_date = @AfterDate AND m.id > @AfterId))");
            sql.Append(" ORDER BY m.meeting_date, m.id").Append(db.Dialect.Limit("@Take"));
            await using var connection = await db.OpenAsync(cancellationToken);
            var today = StepChange.Today(clock.GetUtcNow());
            var rows = (await connection.QueryAsync<MeetingRow>(new CommandDefinition(sql.ToString(), new
            {
                query.BodyId, query.From, query.To, AfterDate = after?.Item1, AfterId = after?.Item2, Take = take + 1,
            }, cancellationToken: cancellationToken))).ToList();
            // Each meeting comes with its agenda (the list sent none, so every meeting showed 0 items): one query for the
            // page, with the same organisation scope as a single meeting's read.
            var agendas = (await AgendaAsync(connection, rows.Select(r => r.Id), user.OrganisationScope, cancellationToken))
                .ToLookup(a => a.MeetingId);
            var meetings = rows.Select(r => MeetingReader.ToResponse(r, today, agendas[r.Id]
                .Select(a => new AgendaItemResponse
                {
                    Position = a.Position, StepId = a.StepId, CaseId = a.CaseId, CaseNumber = a.CaseNumber, CaseTitle = a.CaseTitle, Role = a.Role,
                })
                .ToList())).ToList();
            return Slice<MeetingResponse>.FromRows(meetings, take, r => $"{r.Date:yyyy-MM-dd}|{r.Id}");
        }

        private const string AgendaSql = """
            SELECT a.meeting_id, a.agenda_position AS position, s.id AS step_id, c.id AS case_id, c.case_number, c.title AS case_title, s.role
            FROM agenda_item a JOIN case_step s ON s.id = a.case_step_id JOIN case_file c ON c.id = s.case_id
            WHERE a.meeting_id IN {0} AND c.deleted_at IS NULL
            """;

        private static Task<List<AgendaRow>> AgendaAsync(DbConnection connection, IEnumerable<Guid> meetingIds, Guid? scope,
            CancellationToken cancellationToken)
        {
            var sql = AgendaSql + (scope is not null ? " AND c.owner_organisation_id = @Scope" : "") + " ORDER BY a.meeting_id, a.agenda_position";
            return SqlIn.QueryChunkedAsync<AgendaRow>(connection, sql, meetingIds, null, cancellationToken, new { Scope = scope });
        }

        private sealed class AgendaRow
        {
            public Guid MeetingId { get; init; }
            public int Position { get; init; }
            public Guid StepId { get; init; }
            public Guid CaseId { get; init; }
            public string CaseNumber { get; init; } = "";
            public string CaseTitle { get; init; } = "";
            public string Role { get; init; } = "";
        }

        private static (DateOnly, Guid) ParseKey(string key)
        {
            var parts = key.Split('|');
            if (parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var date) && Guid.TryParse(parts[1], out var id))
            {
                return (date, id);
            }
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("cursor", "The cursor is not one this API gave out.")]);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/meetings", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listMeetings")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesRead)
                .ProducesValidationProblem();
    }
}

/// <summary>Reads a meeting with its ordered agenda.</summary>
public static class GetMeeting
{
    public sealed record Query(Guid Id) : IRequest<MeetingResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await MeetingReader.LoadAsync(connection, query.Id, user, StepChange.Today(clock.GetUtcNow()), null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/meetings/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var found = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, found, found.Version);
                })
                .WithName("getMeeting")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesRead)
                .Produces<MeetingResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>Cancels a meeting: its agenda is cleared and every step on it is unscheduled (with an event per step).</summary>
public static class CancelMeeting
{
    public sealed record Body(string Reason);

    public sealed record Command(Guid Id, string Reason) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
    }

    private sealed class ScheduledStep
    {
        public Guid StepId { get; init; }
        public Guid CaseId { get; init; }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var meeting = await MeetingReader.RequireAsync(connection, command.Id, transaction, cancellationToken);
            await MeetingAccess.EnsureMayManageAsync(connection, transaction, meeting.BodyId, user, cancellationToken);
            if (string.Equals(meeting.State, "cancelled", StringComparison.Ordinal))
            {
                throw new ConflictException($"Meeting '{command.Id}' is already cancelled.");
            }
            var scheduled = (await connection.QueryAsync<ScheduledStep>(new CommandDefinition(
                "SELECT s.id AS step_id, s.case_id FROM case_step s WHERE s.meeting_id = @Id AND s.superseded_at IS NULL",
                new { command.Id }, transaction, cancellationToken: cancellationToken))).ToList();
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE meeting SET state = 'cancelled', cancellation_reason = @Reason, version = version + 1, modified_at = @Now WHERE id = @Id
                """, new { command.Id, command.Reason, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agenda_item WHERE meeting_id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_step SET meeting_id = NULL, version = version + 1, modified_at = @Now WHERE meeting_id = @Id",
                new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            foreach (var byCase in scheduled.GroupBy(s => s.CaseId))
            {
                var found = await CaseReader.RequireAsync(connection, byCase.Key, SystemUser.Instance, transaction, cancellationToken);
                await CaseReader.TouchAsync(connection, found.Id, now, transaction, cancellationToken);
                await CaseEventWriter.AppendAsync(connection, transaction, found.OwnerOrganisationId, user.Name, now,
                    byCase.Select(s => new NewCaseEvent(CaseEventTypes.StepUnscheduled, found.Id, s.StepId,
                        new { meetingId = command.Id, meetingDate = meeting.MeetingDate, reason = "Meeting cancelled: " + command.Reason })).ToList(),
                    cancellationToken);
            }
            var response = await MeetingReader.LoadAsync(connection, command.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/meetings/{id:guid}/cancellation", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Command(id, body.Reason), http.RequestAborted)))
                .WithName("cancelMeeting")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Reorders a meeting's agenda: the body lists every step on it, in the new order.</summary>
public static class ReorderAgenda
{
    public sealed record Body(IReadOnlyList<Guid> StepIds);

    public sealed record Command(Guid Id, IReadOnlyList<Guid> StepIds) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.StepIds).NotNull().Must(s => s.Distinct().Count() == s.Count).WithMessage("Each step once.");
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var meeting = await MeetingReader.RequireAsync(connection, command.Id, transaction, cancellationToken);
            await MeetingAccess.EnsureMayManageAsync(connection, transaction, meeting.BodyId, user, cancellationToken);
            var current = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT case_step_id FROM agenda_item WHERE meeting_id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken))).ToHashSet();
            if (!current.SetEquals(command.StepIds))
            {
                throw new RuleViolationException("agenda-complete", "The new order must list exactly the steps on the agenda, each once.", "stepIds");
            }
            var position = 0;
            foreach (var step in command.StepIds)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE agenda_item SET agenda_position = @Position WHERE meeting_id = @Id AND case_step_id = @Step",
                    new { Position = ++position, command.Id, Step = step }, transaction, cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE meeting SET version = version + 1, modified_at = @Now WHERE id = @Id", new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            var response = await MeetingReader.LoadAsync(connection, command.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/meetings/{id:guid}/agenda", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Command(id, body.StepIds), http.RequestAborted)))
                .WithName("reorderAgenda")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Puts a step of a case on a meeting of the step's body, at the end of its agenda (moving it from an earlier meeting).</summary>
public static class ScheduleStep
{
    public sealed record Body(Guid MeetingId);

    public sealed record Command(Guid CaseId, Guid StepId, Guid MeetingId) : IRequest<CaseResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var (found, step, before) = await StepChange.LoadAsync(connection, transaction, command.CaseId, command.StepId, user, now, cancellationToken);
            CaseAuthorisation.EnsureMayRecord(user, step);
            var meeting = await MeetingReader.RequireAsync(connection, command.MeetingId, transaction, cancellationToken);
            if (meeting.BodyId != step.BodyId)
            {
                throw new RuleViolationException("meeting-of-step-body", $"The step is for {step.BodyName}, but the meeting is one of {meeting.BodyName}.", "meetingId");
            }
            if (string.Equals(meeting.State, "cancelled", StringComparison.Ordinal))
            {
                throw new RuleViolationException("meeting-not-cancelled", "The meeting is cancelled.", "meetingId");
            }
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agenda_item WHERE case_step_id = @StepId", new { command.StepId }, transaction, cancellationToken: cancellationToken));
            var last = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT MAX(agenda_position) FROM agenda_item WHERE meeting_id = @MeetingId", new { command.MeetingId }, transaction, cancellationToken: cancellationToken)) ?? 0;
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agenda_item (id, meeting_id, case_step_id, agenda_position) VALUES (@Id, @MeetingId, @StepId, @Position)",
                new { Id = Guid.CreateVersion7(now), command.MeetingId, command.StepId, Position = last + 1 }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_step SET meeting_id = @MeetingId, version = version + 1, modified_at = @Now WHERE id = @StepId",
                new { command.MeetingId, command.StepId, Now = now }, transaction, cancellationToken: cancellationToken));
            await StepChange.CompleteAsync(connection, transaction, found, before,
                new NewCaseEvent(CaseEventTypes.StepScheduled, found.Id, step.Id, new
                {
                    step.BodyId, bodyName = step.BodyName, meetingId = meeting.Id, meetingDate = meeting.MeetingDate, previousMeetingId = step.MeetingId,
                }), user, now, cancellationToken);
            var response = await CaseReader.LoadAsync(connection, found.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/scheduling", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.MeetingId), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("scheduleStep")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

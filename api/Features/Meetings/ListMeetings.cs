using System.ComponentModel;
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
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>Lists meetings, by body and date range, oldest first.</summary>
public static class ListMeetings
{
    public sealed record Query : IRequest<Slice<MeetingResponse>>
    {
        [Description("The governance model (partnership) whose bodies' meetings to list; without it every model the caller may see " +
                     "(a caller limited to some models sees only theirs; another model answers 403).")]
        public Guid? GovernanceModelId { get; init; }
        public Guid? BodyId { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
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

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Slice<MeetingResponse>>
    {
        public async Task<Slice<MeetingResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var take = query.Limit ?? Paging.DefaultLimit;
            var sql = new StringBuilder(MeetingsStore.Select);
            var parameters = new DynamicParameters();
            if (GovernanceModelsStore.ListCondition(user, query.GovernanceModelId, "b.governance_model_id", parameters) is { } model) sql.Append(" AND ").Append(model);
            if (query.BodyId is not null) sql.Append(" AND m.body_id = @BodyId");
            if (query.From is not null) sql.Append(" AND m.meeting_date >= @From");
            if (query.To is not null) sql.Append(" AND m.meeting_date < @To");
            // Keyset on (date, id) so that the list reads as a calendar.
            var after = Cursor.Decode(query.Cursor) is { } key ? ParseKey(key) : ((DateOnly, Guid)?)null;
            if (after is not null) sql.Append(" AND (m.meeting_date > @AfterDate OR (m.meeting_date = @AfterDate AND m.id > @AfterId))");
            sql.Append(" ORDER BY m.meeting_date, m.id").Append(db.Dialect.Limit("@Take"));
            await using var connection = await db.OpenAsync(cancellationToken);
            var today = StepChange.Today(clock.GetUtcNow());
            parameters.AddDynamicParams(new { query.BodyId, query.From, query.To, AfterDate = after?.Item1, AfterId = after?.Item2, Take = take + 1 });
            var rows = (await connection.QueryAsync<MeetingRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            // Each meeting comes with its agenda (the list sent none, so every meeting showed 0 items): one query for the
            // page, with the same organisation scope as a single meeting's read.
            var agendas = (await AgendaAsync(connection, rows.Select(r => r.Id), user.OrganisationScope, cancellationToken))
                .ToLookup(a => a.MeetingId);
            var meetings = rows.Select(r => MeetingsStore.ToResponse(r, today, agendas[r.Id]
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
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("cursor", Messages.Get("Paging.UnknownCursor"))]);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/meetings", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listMeetings")
                .WithSummary("Vis møder / List meetings")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Møder filtreret på styringsmodel, organ og datointerval, ældste " +
                                 "først, hver med sin dagsorden. En kalder begrænset til visse modeller ser kun deres møder (403 for en anden model)." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). Meetings filtered by governance model, body and date range, " +
                                 "oldest first, each with its agenda. A caller limited to some models sees only their meetings (403 for another model).")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
    }
}

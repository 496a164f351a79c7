using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Features.Documents;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// The case register as OParl: a case is a Paper, each step of its route a Consultation, the bodies' meetings
/// Meetings with their AgendaItems, and the case's document references Files. A step replaced by a route change
/// (superseded) is a deleted Consultation; an agenda item whose step moved to another meeting is a deleted AgendaItem.
/// Who recorded a recommendation or decision (staff accounts) is not published.
/// </summary>
public static class OParlCases
{
    public enum Kind
    {
        Paper,
        Consultation,
        Meeting,
        AgendaItem,
        File,
        Location,
    }

    /// <summary>A list of a body; for meetings optionally those of one organization (a Klima body) only.</summary>
    public sealed record ListQuery(Kind Kind, OParlUrls Urls, Guid Model, OParlListParameters List, Guid? Organization = null) : IRequest<OParlSlice>;

    public sealed record GetQuery(Kind Kind, OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    internal sealed record PaperRow : OParlRow
    {
        public string CaseNumber { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Summary { get; init; }
        public string InterestCode { get; init; } = "";
        public Guid? InitiatorOrganisationId { get; init; }
        public Guid? InitiatorBodyId { get; init; }
        public Guid? OwnerOrganisationId { get; init; }
        public string? KleJournalNumber { get; init; }
    }

    internal sealed record ConsultationRow : OParlRow
    {
        public Guid CaseId { get; init; }
        public int StageOrdinal { get; init; }
        public string StageName { get; init; } = "";
        public int Ordinal { get; init; }
        public Guid BodyId { get; init; }
        public Guid? OrganisationId { get; init; }
        public string Role { get; init; } = "";
        public bool Authoritative { get; init; }
        public DateOnly? Deadline { get; init; }
        public Guid? MeetingId { get; init; }
        public Guid? AgendaItemId { get; init; }
        public string? RecommendationText { get; init; }
        public string? Outcome { get; init; }
        public string? DecisionText { get; init; }
        public DateOnly? DecidedOn { get; init; }
        public Guid? ReferredToBodyId { get; init; }
    }

    internal sealed record MeetingRow : OParlRow
    {
        public Guid BodyId { get; init; }
        public string BodyName { get; init; } = "";
        public DateOnly MeetingDate { get; init; }
        public string? Title { get; init; }
        public string? Location { get; init; }
        public string State { get; init; } = "";
        public string? CancellationReason { get; init; }
    }

    internal sealed record LocationRow : OParlRow
    {
        public Guid MeetingId { get; init; }
        public string? Description { get; init; }
    }

    internal sealed record AgendaItemRow : OParlRow
    {
        public Guid MeetingId { get; init; }
        public int AgendaPosition { get; init; }
        public Guid CaseStepId { get; init; }
        public string CaseTitle { get; init; } = "";
        public string CaseNumber { get; init; } = "";
        public string? Outcome { get; init; }
        public string? DecisionText { get; init; }
    }

    internal sealed record FileRow : OParlRow
    {
        public Guid CaseId { get; init; }
        public int Ordinal { get; init; }
        public string Url { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Sha256 { get; init; }
        public string? Sha512 { get; init; }
        public string? DocumentNumber { get; init; }
        public string? MediaType { get; init; }
        public long? SizeBytes { get; init; }
        public string? FileName { get; init; }
        public bool Stored { get; init; }
    }

    /// <summary>A step's last change: its own, its replacement, or its case's deletion.</summary>
    private const string StepChanged = "CASE WHEN cs.superseded_at > cs.modified_at THEN cs.superseded_at ELSE cs.modified_at END";

    /// <summary>
    /// A paper embeds its consultations (steps), so its modified stamp is the latest change of any of them. Only cases
    /// the publication rule shows are read (<see cref="CasePublication"/>): public now, or once public and gone since,
    /// in which case they are deleted objects from the moment they left.
    /// </summary>
    private static readonly string PaperSource = $"""
        SELECT c.id, c.case_number, c.title, c.summary, c.interest_code, c.initiator_organisation_id, c.initiator_body_id,
               c.owner_organisation_id, c.kle_journal_number, c.created_at,
               CASE WHEN st.latest > c.modified_at THEN st.latest ELSE c.modified_at END AS modified_at,
               {CasePublication.GoneAt()} AS deleted_at
        FROM case_file c
        LEFT JOIN (SELECT cs.case_id, MAX({StepChanged}) AS latest FROM case_step cs GROUP BY cs.case_id) st ON st.case_id = c.id
        WHERE c.governance_model_id = @Model AND {CasePublication.Shown()}
        """;

    private static readonly string ConsultationSource = $"""
        SELECT cs.id, cs.case_id, cs.stage_ordinal, cs.stage_name, cs.ordinal, cs.body_id, cs.organisation_id, cs.role,
               cs.authoritative, cs.deadline, cs.meeting_id, ai.id AS agenda_item_id, cs.recommendation_text, cs.outcome,
               cs.decision_text, cs.decided_on, cs.referred_to_body_id, cs.created_at,
               CASE WHEN c.modified_at > ({StepChanged}) AND {CasePublication.GoneAt()} IS NOT NULL THEN c.modified_at ELSE ({StepChanged}) END AS modified_at,
               COALESCE(cs.superseded_at, {CasePublication.GoneAt()}) AS deleted_at
        FROM case_step cs JOIN case_file c ON c.id = cs.case_id
        LEFT JOIN agenda_item ai ON ai.case_step_id = cs.id AND ai.meeting_id = cs.meeting_id
        WHERE c.governance_model_id = @Model AND {CasePublication.Shown()}
        """;

    /// <summary>
    /// Agenda items keep no stamps of their own: they are their step on a meeting's agenda, so they change with it
    /// (and with the case, whose title names them), and they end when the step, the case or the meeting does, when
    /// the case leaves the public view, or when the step moves to another meeting. Items of a case that is not public
    /// are not shown at all (their name is the case's title).
    /// </summary>
    private static readonly string AgendaItemSource = $"""
        SELECT ai.id, ai.meeting_id, ai.agenda_position, ai.case_step_id, c.title AS case_title, c.case_number, cs.outcome,
               cs.decision_text, cs.created_at,
               CASE WHEN c.modified_at > ({StepChanged}) THEN c.modified_at ELSE ({StepChanged}) END AS modified_at,
               COALESCE(cs.superseded_at, {CasePublication.GoneAt()}, mt.deleted_at,
                        CASE WHEN cs.meeting_id = ai.meeting_id THEN NULL ELSE cs.modified_at END) AS deleted_at
        FROM agenda_item ai JOIN meeting mt ON mt.id = ai.meeting_id JOIN body b ON b.id = mt.body_id
        JOIN case_step cs ON cs.id = ai.case_step_id JOIN case_file c ON c.id = cs.case_id
        WHERE b.governance_model_id = @Model AND {CasePublication.Shown()}
        """;

    /// <summary>A meeting embeds its agenda, so it changes when an item on it does.</summary>
    private const string MeetingSource = """
        SELECT mt.id, mt.body_id, b.name AS body_name, mt.meeting_date, mt.title, mt.location, mt.state, mt.cancellation_reason,
               mt.created_at, CASE WHEN ag.latest > mt.modified_at THEN ag.latest ELSE mt.modified_at END AS modified_at, mt.deleted_at
        FROM meeting mt JOIN body b ON b.id = mt.body_id
        LEFT JOIN (SELECT ai.meeting_id, MAX(
        """ + StepChanged + """
            ) AS latest FROM agenda_item ai JOIN case_step cs ON cs.id = ai.case_step_id GROUP BY ai.meeting_id) ag ON ag.meeting_id = mt.id
        WHERE b.governance_model_id = @Model
        """;

    /// <summary>
    /// A meeting's place as an OParl Location: Klima keeps it as text on the meeting, so each meeting with a place has
    /// one Location (at the meeting's id) that changes with it, and is deleted when the meeting is or its place is cleared.
    /// </summary>
    private const string LocationSource = """
        SELECT mt.id, mt.id AS meeting_id, mt.location AS description, mt.created_at, mt.modified_at,
               COALESCE(mt.deleted_at, CASE WHEN mt.location IS NULL THEN mt.modified_at END) AS deleted_at
        FROM meeting mt JOIN body b ON b.id = mt.body_id
        WHERE b.governance_model_id = @Model AND (mt.location IS NOT NULL OR mt.modified_at > mt.created_at OR mt.deleted_at IS NOT NULL)
        """;

    /// <summary>
    /// A case's documents that can be fetched: uploads (served by Klima) and https links to the owning case system.
    /// References that cannot be fetched (a KL document URN) are not Files: OParl 2.7 wants every file fetchable. A
    /// document is part of its case's record, so it changes and leaves the view with it. A deleted upload (its bytes
    /// erased, its sniffed media type kept) stays in the list as a deleted File.
    /// </summary>
    private static readonly string FileSource = $"""
        SELECT d.id, d.case_id, d.ordinal, d.url, d.title, d.sha256, d.sha512, d.document_number, d.media_type, d.size_bytes, d.file_name,
               CAST(CASE WHEN k.document_id IS NULL THEN 0 ELSE 1 END AS BIT) AS stored,
               COALESCE(d.created_at, c.created_at) AS created_at,
               CASE WHEN d.modified_at > c.modified_at THEN d.modified_at ELSE c.modified_at END AS modified_at,
               COALESCE(d.deleted_at, {CasePublication.GoneAt()}) AS deleted_at
        FROM case_document d JOIN case_file c ON c.id = d.case_id
        LEFT JOIN (SELECT document_id FROM case_document_content) k ON k.document_id = d.id
        WHERE c.governance_model_id = @Model AND {CasePublication.Shown()}
          AND (k.document_id IS NOT NULL OR d.url LIKE 'https://%' OR (d.deleted_at IS NOT NULL AND d.media_type IS NOT NULL))
        """;

    private sealed record Related
    {
        public Guid CaseId { get; init; }
        public Guid RelatedCaseId { get; init; }
    }

    private static async Task<List<T>> AllAsync<T>(DbConnection connection, string source, Guid model, string order, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<T>(new CommandDefinition($"SELECT * FROM ({source}) x WHERE x.deleted_at IS NULL ORDER BY {order}",
            new { Model = model }, cancellationToken: cancellationToken))).ToList();

    /// <summary>Loads what the objects of one kind embed or link, then maps the rows.</summary>
    private static async Task<Func<OParlRow, JsonObject>> MapperAsync(DbConnection connection, Kind kind, OParlUrls urls, Guid model, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case Kind.Paper:
            {
                var steps = (await AllAsync<ConsultationRow>(connection, ConsultationSource, model, "x.stage_ordinal, x.ordinal, x.id", cancellationToken)).ToLookup(s => s.CaseId);
                var files = (await AllAsync<FileRow>(connection, FileSource, model, "x.ordinal, x.id", cancellationToken)).ToLookup(f => f.CaseId);
                var related = (await connection.QueryAsync<Related>(new CommandDefinition($"""
                    SELECT r.case_id, r.related_case_id FROM case_relation r JOIN case_file c ON c.id = r.case_id JOIN case_file o ON o.id = r.related_case_id
                    WHERE c.governance_model_id = @Model AND o.governance_model_id = @Model AND {CasePublication.IsPublic("c")} = 1 AND {CasePublication.IsPublic("o")} = 1
                    """, new { Model = model }, cancellationToken: cancellationToken))).ToList();
                // A relation is mutual whichever way it was recorded.
                var relatedOf = related.Select(r => (r.CaseId, Other: r.RelatedCaseId)).Concat(related.Select(r => (CaseId: r.RelatedCaseId, Other: r.CaseId)))
                    .Distinct().ToLookup(r => r.CaseId, r => r.Other);
                return row => Paper(urls, model, (PaperRow)row, steps[row.Id], files[row.Id], relatedOf[row.Id]);
            }
            case Kind.Meeting:
            {
                var items = (await AllAsync<AgendaItemRow>(connection, AgendaItemSource, model, "x.agenda_position, x.id", cancellationToken)).ToLookup(i => i.MeetingId);
                return row => Meeting(urls, model, (MeetingRow)row, items[row.Id]);
            }
            case Kind.Consultation:
                return row => Consultation(urls, model, (ConsultationRow)row, embedded: false);
            case Kind.AgendaItem:
                return row => AgendaItem(urls, model, (AgendaItemRow)row, embedded: false);
            case Kind.Location:
                return row => Location(urls, model, (LocationRow)row, embedded: false);
            default:
                return row => File(urls, model, (FileRow)row, embedded: false);
        }
    }

    internal sealed class ListHandler(IDbConnectionFactory db) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var parameters = new { query.Model, query.Organization };
            if (query.Organization is not null && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM body WHERE id = @Organization AND governance_model_id = @Model", parameters, cancellationToken: cancellationToken)) == 0)
            {
                throw new NotFoundException("Organization", query.Organization);
            }
            IReadOnlyList<OParlRow> rows;
            int total;
            switch (query.Kind)
            {
                case Kind.Paper: (rows, total) = await Page<PaperRow>(PaperSource); break;
                case Kind.Consultation: (rows, total) = await Page<ConsultationRow>(ConsultationSource); break;
                case Kind.Meeting:
                    (rows, total) = await Page<MeetingRow>(query.Organization is null ? MeetingSource : $"SELECT * FROM ({MeetingSource}) om WHERE om.body_id = @Organization");
                    break;
                case Kind.AgendaItem: (rows, total) = await Page<AgendaItemRow>(AgendaItemSource); break;
                case Kind.Location: (rows, total) = await Page<LocationRow>(LocationSource); break;
                default: (rows, total) = await Page<FileRow>(FileSource); break;
            }
            var map = await MapperAsync(connection, query.Kind, query.Urls, query.Model, cancellationToken);
            return new OParlSlice(rows.Select(map).ToList(), total);

            async Task<(IReadOnlyList<OParlRow>, int)> Page<TRow>(string source) where TRow : OParlRow
            {
                var (found, count) = await OParlList.PageAsync<TRow>(connection, db.Dialect, source, parameters, query.List, cancellationToken);
                return (found, count);
            }
        }
    }

    /// <summary>The bytes of a public File that was uploaded to Klima.</summary>
    internal sealed record DownloadQuery(Guid Model, Guid Id) : IRequest<(FileRow File, byte[] Content)>;

    internal sealed class DownloadHandler(IDbConnectionFactory db) : IRequestHandler<DownloadQuery, (FileRow File, byte[] Content)>
    {
        public async Task<(FileRow File, byte[] Content)> Handle(DownloadQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var file = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
                           $"SELECT * FROM ({FileSource}) x WHERE x.id = @Id AND x.deleted_at IS NULL AND x.stored = 1", new { query.Model, query.Id },
                           cancellationToken: cancellationToken))
                       ?? throw new NotFoundException("File", query.Id);
            var content = await DocumentContent.ReadAsync(connection, file.Id, cancellationToken) ?? throw new NotFoundException("File", query.Id);
            return (file, content);
        }
    }

    internal sealed class GetHandler(IDbConnectionFactory db) : IRequestHandler<GetQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = new { query.Model, query.Id };
            OParlRow? row = query.Kind switch
            {
                Kind.Paper => await One<PaperRow>(PaperSource),
                Kind.Consultation => await One<ConsultationRow>(ConsultationSource),
                Kind.Meeting => await One<MeetingRow>(MeetingSource),
                Kind.AgendaItem => await One<AgendaItemRow>(AgendaItemSource),
                Kind.Location => await One<LocationRow>(LocationSource),
                _ => await One<FileRow>(FileSource),
            };
            if (row is null)
            {
                throw new NotFoundException(query.Kind.ToString(), query.Id);
            }
            var map = await MapperAsync(connection, query.Kind, query.Urls, query.Model, cancellationToken);
            return map(row);

            async Task<OParlRow?> One<TRow>(string source) where TRow : OParlRow =>
                await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition($"SELECT * FROM ({source}) x WHERE x.id = @Id", parameters,
                    cancellationToken: cancellationToken));
        }
    }

    private static JsonObject Paper(OParlUrls urls, Guid model, PaperRow row, IEnumerable<ConsultationRow> steps, IEnumerable<FileRow> files, IEnumerable<Guid> related)
    {
        var id = urls.Paper(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Paper, row);
        }
        var documents = files.ToList();
        return new OParlObject(id, OParlTypes.Paper)
            .Set("body", urls.Body(model))
            .Set("name", row.Title)
            .Set("web", urls.WebPage($"/cases/{row.Id:D}"))
            .Set("reference", row.CaseNumber)
            .Set("date", row.CreatedAt is { } created ? CalendarDay.Of(created) : (DateOnly?)null)
            .Set("paperType", "Sag")
            .Set("relatedPaper", related.Select(r => urls.Paper(model, r)))
            .Set("mainFile", documents.Count > 0 ? File(urls, model, documents[0], embedded: true) : null)
            .Set("auxiliaryFile", documents.Skip(1).Select(f => File(urls, model, f, embedded: true)))
            .Set("originatorOrganization", new[]
            {
                row.InitiatorOrganisationId is { } initiator ? urls.PartyOrganization(model, initiator) : null,
                row.InitiatorBodyId is { } initiatorBody ? urls.BodyOrganization(model, initiatorBody) : null,
            })
            .Set("underDirectionOf", new[] { row.OwnerOrganisationId is { } owner ? urls.PartyOrganization(model, owner) : null })
            .Set("consultation", steps.Select(s => Consultation(urls, model, s, embedded: true)))
            .Set("klima:summary", row.Summary)
            .Set("klima:interest", row.InterestCode)
            .Set("klima:kleJournalNumber", row.KleJournalNumber)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject Consultation(OParlUrls urls, Guid model, ConsultationRow row, bool embedded)
    {
        var id = urls.Consultation(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Consultation, row);
        }
        return new OParlObject(id, OParlTypes.Consultation)
            // Embedded in its paper, the back reference is left out (OParl's rule for internal output).
            .Set("paper", embedded ? null : urls.Paper(model, row.CaseId))
            .Set("agendaItem", row.AgendaItemId is { } item ? urls.AgendaItem(model, item) : null)
            .Set("meeting", row.MeetingId is { } meeting ? urls.Meeting(model, meeting) : null)
            // The body that treats the case first; for a step fanned out to a member council, the party it acts for.
            .Set("organization", new[] { urls.BodyOrganization(model, row.BodyId), row.OrganisationId is { } party ? urls.PartyOrganization(model, party) : null })
            .Set("authoritative", row.Authoritative)
            .Set("role", StepRoleLabel(row.Role))
            .Set("klima:stage", row.StageName)
            .Set("klima:stageOrdinal", row.StageOrdinal)
            .Set("klima:ordinal", row.Ordinal)
            .Set("klima:deadline", row.Deadline)
            .Set("klima:recommendation", row.RecommendationText)
            .Set("klima:outcome", row.Outcome is null ? null : OutcomeLabel(row.Outcome))
            .Set("klima:decision", row.DecisionText)
            .Set("klima:decidedOn", row.DecidedOn)
            .Set("klima:referredTo", row.ReferredToBodyId is { } to ? urls.BodyOrganization(model, to) : null)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject Meeting(OParlUrls urls, Guid model, MeetingRow row, IEnumerable<AgendaItemRow> items)
    {
        var id = urls.Meeting(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Meeting, row);
        }
        // Klima records the meeting's date, not its hours: OParl's start and end (date-times) span that whole day in
        // Danish time, klima:allDay says so, and the date itself is klima:date.
        var (start, end) = OParlFormat.WholeDay(row.MeetingDate);
        return new OParlObject(id, OParlTypes.Meeting)
            .Set("name", row.Title ?? $"Møde i {row.BodyName}")
            .Set("start", start)
            .Set("end", end)
            .Set("klima:allDay", true)
            .Set("web", urls.WebPage($"/meetings/{row.Id:D}"))
            .Set("meetingState", MeetingStateLabel(row.State))
            .Set("cancelled", row.State == "cancelled" ? true : (bool?)null)
            .Set("organization", new[] { urls.BodyOrganization(model, row.BodyId) })
            .Set("location", row.Location is null ? null
                : Location(urls, model, new LocationRow { Id = row.Id, MeetingId = row.Id, Description = row.Location, CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt }, embedded: true))
            .Set("agendaItem", items.Select(i => AgendaItem(urls, model, i, embedded: true)))
            .Set("klima:date", row.MeetingDate)
            .Set("klima:location", row.Location)
            .Set("klima:cancellationReason", row.CancellationReason)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject Location(OParlUrls urls, Guid model, LocationRow row, bool embedded)
    {
        var id = urls.Location(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Location, row);
        }
        return new OParlObject(id, OParlTypes.Location)
            .Set("description", row.Description)
            // Embedded in its meeting, the back reference is left out (OParl's rule for internal output).
            .Set("meetings", embedded ? null : new[] { urls.Meeting(model, row.MeetingId) })
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject AgendaItem(OParlUrls urls, Guid model, AgendaItemRow row, bool embedded)
    {
        var id = urls.AgendaItem(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.AgendaItem, row);
        }
        return new OParlObject(id, OParlTypes.AgendaItem)
            .Set("meeting", embedded ? null : urls.Meeting(model, row.MeetingId))
            .Set("number", row.AgendaPosition.ToString(CultureInfo.InvariantCulture))
            .Set("order", row.AgendaPosition)
            .Set("name", row.CaseTitle)
            // Klima's cases are treated in public; the register has no closed items.
            .Set("public", true)
            .Set("consultation", urls.Consultation(model, row.CaseStepId))
            .Set("result", row.Outcome is null ? null : OutcomeLabel(row.Outcome))
            .Set("resolutionText", row.DecisionText)
            .Set("klima:caseNumber", row.CaseNumber)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject File(OParlUrls urls, Guid model, FileRow row, bool embedded)
    {
        var id = urls.File(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.File, row);
        }
        // An upload is served by Klima at the file's download URL; a link opens in the owning case system.
        var access = row.Stored ? urls.FileDownload(model, row.Id) : row.Url;
        return new OParlObject(id, OParlTypes.File)
            .Set("name", row.Title)
            .Set("fileName", row.FileName)
            .Set("mimeType", row.MediaType is { } type ? type.Split(';')[0] : null)
            .Set("size", row.SizeBytes)
            .Set("sha512Checksum", row.Sha512)
            .Set("accessUrl", access)
            .Set("downloadUrl", row.Stored ? access : null)
            .Set("paper", embedded ? null : new[] { urls.Paper(model, row.CaseId) })
            .Set("klima:sha256", row.Sha256)
            .Set("klima:documentNumber", row.DocumentNumber ?? DocumentStore.KlDocumentNumber(row.Url))
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    internal static string StepRoleLabel(string role) => role switch
    {
        "orientation" => "Orientering",
        "discussion" => "Drøftelse",
        "recommendation" => "Indstilling",
        "decision" => "Beslutning",
        "consultation" => "Høring",
        "approval" => "Godkendelse",
        _ => role,
    };

    internal static string OutcomeLabel(string outcome) => outcome switch
    {
        "approved" => "Godkendt",
        "approvedWithChanges" => "Godkendt med ændringer",
        "rejected" => "Afvist",
        "postponed" => "Udsat",
        "referred" => "Henvist",
        "noted" => "Taget til efterretning",
        _ => outcome,
    };

    internal static string MeetingStateLabel(string state) => state switch
    {
        "planned" => "Planlagt",
        "held" => "Afholdt",
        "cancelled" => "Aflyst",
        _ => state,
    };

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            foreach (var (kind, list, segment) in new[]
                     {
                         (Kind.Paper, "papers", "paper"),
                         (Kind.Consultation, "consultations", "consultation"),
                         (Kind.Meeting, "meetings", "meeting"),
                         (Kind.AgendaItem, "agenda-items", "agenda-item"),
                         (Kind.File, "files", "file"),
                         (Kind.Location, "locations", "location"),
                     })
            {
                app.MapBodyList(list, $"oparlList{kind}s", (urls, model, parameters) => new ListQuery(kind, urls, model, parameters));
                app.MapBodyObject(segment, $"oparlGet{kind}", (urls, model, id) => new GetQuery(kind, urls, model, id));
            }
            app.MapGet($"{OParlUrls.Prefix}/body/{{model:guid}}/file/{{id:guid}}/download",
                    async (Guid model, Guid id, IMediator mediator, HttpContext http) =>
                    {
                        var (file, content) = await mediator.Send(new DownloadQuery(model, id), http.RequestAborted);
                        return DocumentContent.Serve(http, content, file.MediaType, file.FileName, file.Title, file.Sha256);
                    })
                .OParl("oparlDownloadFile");
            app.MapGet($"{OParlUrls.Prefix}/body/{{model:guid}}/organization/{{organization:guid}}/meetings",
                    async (Guid model, Guid organization, IMediator mediator, HttpContext http) =>
                    {
                        var parameters = OParlListParameters.From(http.Request);
                        var slice = await mediator.Send(new ListQuery(Kind.Meeting, OParlUrls.From(http.Request), model, parameters, organization), http.RequestAborted);
                        return OParlEndpoints.Json(OParlList.Document(http.Request, parameters, slice), http.Request);
                    })
                .OParl("oparlListOrganizationMeetings");
        }
    }
}

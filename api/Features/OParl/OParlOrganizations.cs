using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// OParl Organizations of a body: the model's own bodies (BRN-bestyrelsen, T11+, the secretariat) and the
/// organisations taking part in it (the municipalities, the region, BRN, KL), with Danish type labels.
/// </summary>
public static class OParlOrganizations
{
    public sealed record ListQuery(OParlUrls Urls, Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetBodyQuery(OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    public sealed record GetPartyQuery(OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    internal sealed record Row : OParlRow
    {
        public string Source { get; init; } = "";
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public string? Code { get; init; }
        public string Kind { get; init; } = "";
        public string? Mandate { get; init; }
        /// <summary>Text, not a bit: in a UNION, SQLite's first row (NULL) would fix Dapper's reader to the wrong type.</summary>
        public string? CanDecide { get; init; }
        public Guid? HostOrganisationId { get; init; }
        public DateOnly? EstablishedOn { get; init; }
        public DateOnly? DissolvedOn { get; init; }
        public string? EstablishedByCaseRef { get; init; }
        public string? DissolvedByCaseRef { get; init; }
        public string? ShortName { get; init; }
        public string? MunicipalityCode { get; init; }
        public string? RegionCode { get; init; }
        public string? Cvr { get; init; }
        public string? PartyRole { get; init; }
    }

    internal sealed record SeatRow
    {
        public Guid Id { get; init; }
        public Guid BodyId { get; init; }
        public int Ordinal { get; init; }
        public string Label { get; init; } = "";
        public string? Category { get; init; }
        public string Role { get; init; } = "";
        public bool Voting { get; init; }
        public Guid? RepresentsOrganisationId { get; init; }
        public Guid? AppointedByOrganisationId { get; init; }
        public Guid? AppointedByBodyId { get; init; }
    }

    internal sealed record MembershipRef
    {
        public Guid Id { get; init; }
        public Guid BodyId { get; init; }
    }

    /// <summary>
    /// A body's representation includes its seats (post, klima:seat) and its memberships, so its modified stamp is
    /// the latest change of any of them: a client syncing with modified_since then sees a new seat or member.
    /// </summary>
    private const string BodySource = """
        SELECT b.id, 'body' AS source, b.name, b.name_en, b.code, b.kind, b.mandate,
               CASE WHEN b.can_decide = 1 THEN 'true' ELSE 'false' END AS can_decide, b.host_organisation_id,
               b.established_on, b.dissolved_on, b.established_by_case_ref, b.dissolved_by_case_ref,
               CAST(NULL AS NVARCHAR(50)) AS short_name, CAST(NULL AS NVARCHAR(3)) AS municipality_code,
               CAST(NULL AS NVARCHAR(4)) AS region_code, CAST(NULL AS NVARCHAR(8)) AS cvr, CAST(NULL AS NVARCHAR(40)) AS party_role,
               b.created_at,
               CASE WHEN sm.latest > b.modified_at AND (mm.latest IS NULL OR sm.latest >= mm.latest) THEN sm.latest
                    WHEN mm.latest > b.modified_at THEN mm.latest
                    ELSE b.modified_at END AS modified_at,
               b.deleted_at
        FROM body b
        LEFT JOIN (SELECT s.body_id, MAX(s.modified_at) AS latest FROM seat s GROUP BY s.body_id) sm ON sm.body_id = b.id
        LEFT JOIN (SELECT em.body_id, MAX(em.modified_at) AS latest FROM (
        """ + OParlPeople.EffectiveMembership + """
            ) em GROUP BY em.body_id) mm ON mm.body_id = b.id
        WHERE b.governance_model_id = @Model
        """;

    /// <summary>The model's parties, and any organisation its bodies and seats refer to, so every link resolves.</summary>
    private const string PartySource = """
        SELECT o.id, 'party' AS source, o.name, NULL AS name_en, NULL AS code, o.kind, NULL AS mandate, NULL AS can_decide,
               NULL AS host_organisation_id, NULL AS established_on, NULL AS dissolved_on, NULL AS established_by_case_ref,
               NULL AS dissolved_by_case_ref, o.short_name, o.municipality_code, o.region_code, o.cvr,
               (SELECT MIN(gp.role) FROM governance_model_party gp WHERE gp.governance_model_id = @Model AND gp.organisation_id = o.id) AS party_role,
               o.created_at, o.modified_at, o.deleted_at
        FROM organisation o
        WHERE o.id IN (
            SELECT gp.organisation_id FROM governance_model_party gp WHERE gp.governance_model_id = @Model
            UNION SELECT b.host_organisation_id FROM body b WHERE b.governance_model_id = @Model
            UNION SELECT s.represents_organisation_id FROM seat s JOIN body b ON b.id = s.body_id WHERE b.governance_model_id = @Model
            UNION SELECT s.appointed_by_organisation_id FROM seat s JOIN body b ON b.id = s.body_id WHERE b.governance_model_id = @Model)
        """;

    private const string Source = BodySource + "\nUNION ALL\n" + PartySource;

    private sealed record Context(IReadOnlyList<SeatRow> Seats, IReadOnlyList<MembershipRef> Memberships);

    private static async Task<Context> LoadContextAsync(DbConnection connection, Guid model, CancellationToken cancellationToken)
    {
        var seats = await connection.QueryAsync<SeatRow>(new CommandDefinition("""
            SELECT s.id, s.body_id, s.ordinal, s.label, s.category, s.role, s.voting, s.represents_organisation_id,
                   s.appointed_by_organisation_id, s.appointed_by_body_id
            FROM seat s JOIN body b ON b.id = s.body_id
            WHERE b.governance_model_id = @Model AND s.deleted_at IS NULL
            ORDER BY s.ordinal, s.id
            """, new { Model = model }, cancellationToken: cancellationToken));
        var memberships = await connection.QueryAsync<MembershipRef>(new CommandDefinition("""
            SELECT em.id, em.body_id FROM (
            """ + OParlPeople.EffectiveMembership + """
                ) em
            WHERE em.governance_model_id = @Model AND em.deleted_at IS NULL
            ORDER BY em.valid_from, em.id
            """, new { Model = model }, cancellationToken: cancellationToken));
        return new Context(seats.ToList(), memberships.ToList());
    }

    internal sealed class ListHandler(IDbConnectionFactory db) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var (rows, total) = await OParlList.PageAsync<Row>(connection, db.Dialect, Source, new { query.Model }, query.List, cancellationToken);
            var context = await LoadContextAsync(connection, query.Model, cancellationToken);
            return new OParlSlice(rows.Select(r => ToOParl(query.Urls, query.Model, r, context)).ToList(), total);
        }
    }

    internal sealed class GetBodyHandler(IDbConnectionFactory db) : IRequestHandler<GetBodyQuery, JsonObject>
    {
        public Task<JsonObject> Handle(GetBodyQuery query, CancellationToken cancellationToken) =>
            GetAsync(db, BodySource, query.Urls, query.Model, query.Id, cancellationToken);
    }

    internal sealed class GetPartyHandler(IDbConnectionFactory db) : IRequestHandler<GetPartyQuery, JsonObject>
    {
        public Task<JsonObject> Handle(GetPartyQuery query, CancellationToken cancellationToken) =>
            GetAsync(db, PartySource, query.Urls, query.Model, query.Id, cancellationToken);
    }

    private static async Task<JsonObject> GetAsync(IDbConnectionFactory db, string source, OParlUrls urls, Guid model, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                      $"SELECT * FROM ({source}) x WHERE x.id = @Id", new { Model = model, Id = id }, cancellationToken: cancellationToken))
                  ?? throw new NotFoundException("Organization", id);
        var context = await LoadContextAsync(connection, model, cancellationToken);
        return ToOParl(urls, model, row, context);
    }

    private static JsonObject ToOParl(OParlUrls urls, Guid model, Row row, Context context)
    {
        var isBody = row.Source == "body";
        var id = isBody ? urls.BodyOrganization(model, row.Id) : urls.PartyOrganization(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Organization, row);
        }
        var organization = new OParlObject(id, OParlTypes.Organization)
            .Set("body", urls.Body(model))
            .Set("name", row.Name)
            .Set("shortName", row.ShortName)
            .Set("web", urls.WebPage(isBody ? $"/bodies/{row.Id:D}" : $"/organisations/{row.Id:D}"));
        if (isBody)
        {
            var seats = context.Seats.Where(s => s.BodyId == row.Id).ToList();
            var (type, classification) = BodyLabels(row.Kind);
            organization
                .Set("organizationType", type)
                .Set("classification", classification)
                .Set("subOrganizationOf", row.HostOrganisationId is { } host ? urls.PartyOrganization(model, host) : null)
                .Set("startDate", row.EstablishedOn)
                .Set("endDate", OParlFormat.LastDay(row.DissolvedOn))
                .Set("post", seats.Select(s => s.Label).Distinct(StringComparer.Ordinal))
                .Set("membership", context.Memberships.Where(m => m.BodyId == row.Id).Select(m => urls.Membership(model, m.Id)))
                .Set("meeting", urls.OrganizationMeetings(model, row.Id))
                .Set("klima:code", row.Code)
                .Set("klima:nameEn", row.NameEn)
                .Set("klima:mandate", row.Mandate)
                .Set("klima:canDecide", row.CanDecide is null ? (bool?)null : row.CanDecide == "true")
                .Set("klima:establishedByCaseRef", row.EstablishedByCaseRef)
                .Set("klima:dissolvedByCaseRef", row.DissolvedByCaseRef)
                .Set("klima:seat", seats.Select(s => Seat(urls, model, s)));
        }
        else
        {
            organization
                .Set("organizationType", "Institution")
                .Set("classification", OrganisationLabel(row.Kind))
                .Set("klima:partyRole", row.PartyRole)
                .Set("klima:municipalityCode", row.MunicipalityCode)
                .Set("klima:regionCode", row.RegionCode)
                .Set("klima:cvr", row.Cvr);
        }
        return organization.Stamps(row.CreatedAt, row.ModifiedAt).Json;
    }

    private static JsonObject Seat(OParlUrls urls, Guid model, SeatRow seat)
    {
        var json = new JsonObject
        {
            ["ordinal"] = seat.Ordinal,
            ["label"] = seat.Label,
        };
        if (!string.IsNullOrWhiteSpace(seat.Category)) json["category"] = seat.Category;
        json["role"] = RoleLabel(seat.Role);
        json["votingRight"] = seat.Voting;
        if (seat.RepresentsOrganisationId is { } represents) json["onBehalfOf"] = urls.PartyOrganization(model, represents);
        if (AppointedBy(urls, model, seat.AppointedByOrganisationId, seat.AppointedByBodyId) is { } appointedBy) json["appointedBy"] = appointedBy;
        return json;
    }

    internal static string? AppointedBy(OParlUrls urls, Guid model, Guid? organisation, Guid? body) =>
        organisation is { } o ? urls.PartyOrganization(model, o) : body is { } b ? urls.BodyOrganization(model, b) : null;

    /// <summary>
    /// OParl's coarse organizationType (Gremium, externes Gremium, Verwaltungsbereich, Institution, Sonstiges) and
    /// the precise classification, in Danish.
    /// </summary>
    internal static (string Type, string Classification) BodyLabels(string kind) => kind switch
    {
        "politicalBoard" => ("Organ", "Bestyrelse"),
        "politicalForum" => ("Organ", "Politisk forum"),
        "council" => ("Organ", "Råd"),
        "dialogueForum" => ("Organ", "Dialogforum"),
        "administrativeSteeringGroup" => ("Organ", "Administrativ styregruppe"),
        "projectSteeringGroup" => ("Organ", "Projektstyregruppe"),
        "workingGroup" => ("Organ", "Arbejdsgruppe"),
        "secretariat" => ("Forvaltning", "Sekretariat"),
        "nationalBody" => ("Eksternt organ", "Nationalt organ"),
        _ => ("Andet", "Andet organ"),
    };

    internal static string OrganisationLabel(string kind) => kind switch
    {
        "municipality" => "Kommune",
        "region" => "Region",
        "association" => "Forening",
        "foundation" => "Fond",
        "knowledgePartner" => "Videnspartner",
        _ => "Anden organisation",
    };

    internal static string RoleLabel(string role) => role switch
    {
        "chair" => "Formand",
        "viceChair" => "Næstformand",
        "member" => "Medlem",
        "secretary" => "Sekretær",
        "observer" => "Observatør",
        _ => role,
    };

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapBodyList("organizations", "oparlListOrganizations", (urls, model, list) => new ListQuery(urls, model, list));
            app.MapBodyObject("organization", "oparlGetBodyOrganization", (urls, model, id) => new GetBodyQuery(urls, model, id));
            app.MapBodyObject("party", "oparlGetPartyOrganization", (urls, model, id) => new GetPartyQuery(urls, model, id));
        }
    }
}

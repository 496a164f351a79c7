using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// OParl Persons and Memberships of a body: the people who hold (or held) a seat in one of the model's bodies, and
/// their seats over time. Only public data: name and title. The SQL never reads email, phone or notes, so they cannot
/// leak through a mapping mistake; an erased (pseudonymised) person has left the view and appears as deleted.
/// </summary>
public static class OParlPeople
{
    public sealed record ListPeopleQuery(OParlUrls Urls, Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetPersonQuery(OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    public sealed record ListMembershipsQuery(OParlUrls Urls, Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetMembershipQuery(OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    internal sealed record PersonRow : OParlRow
    {
        public string Name { get; init; } = "";
        public string? Title { get; init; }
        public DateTimeOffset? PseudonymisedAt { get; init; }
    }

    internal sealed record MembershipRow : OParlRow
    {
        public Guid PersonId { get; init; }
        public Guid BodyId { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public string? AppointedByDecisionRef { get; init; }
        public Guid? SubstitutePersonId { get; init; }
        public bool TiedToElectionTerm { get; init; }
        public string SeatLabel { get; init; } = "";
        public int SeatOrdinal { get; init; }
        public string Role { get; init; } = "";
        public bool Voting { get; init; }
        public Guid? RepresentsOrganisationId { get; init; }
        public Guid? AppointedByOrganisationId { get; init; }
        public Guid? AppointedByBodyId { get; init; }
    }

    /// <summary>
    /// Memberships as the view shows them. Role and voting right come from the seat, so a membership changes when its
    /// seat does; and a membership whose seat was deleted, or whose person was deleted or erased, counts as deleted too
    /// (from that moment), so no live object ever links to a tombstone. For the same reason a substitute who was
    /// deleted or erased is no longer named (and the membership changes then).
    /// </summary>
    internal const string EffectiveMembership = """
        SELECT m.id, m.person_id, s.body_id, b.governance_model_id, m.valid_from, m.valid_to, m.appointed_by_decision_ref,
               CASE WHEN sp.deleted_at IS NULL AND sp.pseudonymised_at IS NULL THEN m.substitute_person_id END AS substitute_person_id,
               m.substitute_person_id AS named_substitute_id,
               m.tied_to_election_term, s.label AS seat_label, s.ordinal AS seat_ordinal, s.role, s.voting,
               s.represents_organisation_id, s.appointed_by_organisation_id, s.appointed_by_body_id, m.created_at,
               CASE WHEN COALESCE(sp.deleted_at, sp.pseudonymised_at) > (
        """ + MembershipChanged + """
               ) THEN COALESCE(sp.deleted_at, sp.pseudonymised_at) ELSE (
        """ + MembershipChanged + """
               ) END AS modified_at,
               COALESCE(m.deleted_at, s.deleted_at, p.deleted_at, p.pseudonymised_at) AS deleted_at
        FROM membership m JOIN seat s ON s.id = m.seat_id JOIN body b ON b.id = s.body_id JOIN person p ON p.id = m.person_id
        LEFT JOIN person sp ON sp.id = m.substitute_person_id
        """;

    /// <summary>A membership's own last change: itself, its seat, or its person's deletion or erasure.</summary>
    private const string MembershipChanged = """
        CASE WHEN COALESCE(p.deleted_at, p.pseudonymised_at) > (CASE WHEN s.modified_at > m.modified_at THEN s.modified_at ELSE m.modified_at END)
             THEN COALESCE(p.deleted_at, p.pseudonymised_at)
             ELSE (CASE WHEN s.modified_at > m.modified_at THEN s.modified_at ELSE m.modified_at END) END
        """;

    private const string MembershipSource = "SELECT * FROM (" + EffectiveMembership + ") em WHERE em.governance_model_id = @Model";

    /// <summary>
    /// Everyone who ever held or stood in for a seat in the model. A person is in the public view while they hold a
    /// live membership there (or stand in for a live holder); once the last such membership ends in a deletion, or
    /// the person is deleted or erased, they appear as deleted from that moment (OParl 2.8), so a syncing client
    /// learns they are gone. A person embeds their memberships, so the person's modified stamp is the latest change
    /// of any of them (an ended or deleted membership included).
    /// </summary>
    private const string PersonSource = """
        SELECT p.id, p.name, p.title, p.pseudonymised_at, p.created_at,
               CASE WHEN pm.latest > p.modified_at THEN pm.latest ELSE p.modified_at END AS modified_at,
               CASE WHEN p.deleted_at IS NOT NULL THEN p.deleted_at
                    WHEN p.pseudonymised_at IS NOT NULL THEN p.pseudonymised_at
                    WHEN pm.live = 0 THEN pm.latest END AS deleted_at
        FROM person p
        JOIN (SELECT x.person_id, MAX(x.modified_at) AS latest, SUM(x.live) AS live FROM (
                SELECT em.person_id, em.modified_at, CASE WHEN em.deleted_at IS NULL THEN 1 ELSE 0 END AS live
                FROM (
        """ + EffectiveMembership + """
                ) em WHERE em.governance_model_id = @Model
                UNION ALL
                SELECT em.named_substitute_id, em.modified_at, CASE WHEN em.deleted_at IS NULL THEN 1 ELSE 0 END
                FROM (
        """ + EffectiveMembership + """
                ) em WHERE em.governance_model_id = @Model AND em.named_substitute_id IS NOT NULL
            ) x GROUP BY x.person_id) pm ON pm.person_id = p.id
        """;

    private static async Task<ILookup<Guid, MembershipRow>> MembershipsOfAsync(DbConnection connection, Guid model, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<MembershipRow>(new CommandDefinition(
            $"SELECT * FROM ({MembershipSource}) x WHERE x.deleted_at IS NULL ORDER BY x.valid_from, x.id", new { Model = model },
            cancellationToken: cancellationToken))).ToLookup(m => m.PersonId);

    internal sealed class ListPeopleHandler(IDbConnectionFactory db) : IRequestHandler<ListPeopleQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListPeopleQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var (rows, total) = await OParlList.PageAsync<PersonRow>(connection, db.Dialect, PersonSource, new { query.Model }, query.List, cancellationToken);
            var memberships = await MembershipsOfAsync(connection, query.Model, cancellationToken);
            return new OParlSlice(rows.Select(r => Person(query.Urls, query.Model, r, memberships[r.Id])).ToList(), total);
        }
    }

    internal sealed class GetPersonHandler(IDbConnectionFactory db) : IRequestHandler<GetPersonQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetPersonQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<PersonRow>(new CommandDefinition(
                          $"SELECT * FROM ({PersonSource}) x WHERE x.id = @Id", new { query.Model, query.Id }, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Person", query.Id);
            var memberships = await MembershipsOfAsync(connection, query.Model, cancellationToken);
            return Person(query.Urls, query.Model, row, memberships[row.Id]);
        }
    }

    internal sealed class ListMembershipsHandler(IDbConnectionFactory db) : IRequestHandler<ListMembershipsQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListMembershipsQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var (rows, total) = await OParlList.PageAsync<MembershipRow>(connection, db.Dialect, MembershipSource, new { query.Model }, query.List, cancellationToken);
            return new OParlSlice(rows.Select(r => Membership(query.Urls, query.Model, r, embedded: false)).ToList(), total);
        }
    }

    internal sealed class GetMembershipHandler(IDbConnectionFactory db) : IRequestHandler<GetMembershipQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetMembershipQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<MembershipRow>(new CommandDefinition(
                          $"SELECT * FROM ({MembershipSource}) x WHERE x.id = @Id", new { query.Model, query.Id }, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Membership", query.Id);
            return Membership(query.Urls, query.Model, row, embedded: false);
        }
    }

    private static JsonObject Person(OParlUrls urls, Guid model, PersonRow row, IEnumerable<MembershipRow> memberships)
    {
        var id = urls.Person(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Person, row);
        }
        return new OParlObject(id, OParlTypes.Person)
            .Set("body", urls.Body(model))
            .Set("name", row.Name)
            .Set("web", urls.WebPage($"/people/{row.Id:D}"))
            // Klima's title is a position ("Borgmester", "Teknisk direktør"), not an academic title (OParl's title), so
            // it is given as the person's status: OParl's "roles in the municipality".
            .Set("status", new[] { row.Title })
            .Set("membership", memberships.Select(m => Membership(urls, model, m, embedded: true)))
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject Membership(OParlUrls urls, Guid model, MembershipRow row, bool embedded)
    {
        var id = urls.Membership(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Membership, row);
        }
        return new OParlObject(id, OParlTypes.Membership)
            // Embedded in its person, the back reference is left out (OParl's rule for internal output).
            .Set("person", embedded ? null : urls.Person(model, row.PersonId))
            .Set("organization", urls.BodyOrganization(model, row.BodyId))
            .Set("role", OParlOrganizations.RoleLabel(row.Role))
            .Set("votingRight", row.Voting)
            .Set("onBehalfOf", row.RepresentsOrganisationId is { } represents ? urls.PartyOrganization(model, represents) : null)
            .Set("startDate", row.ValidFrom)
            .Set("endDate", OParlFormat.LastDay(row.ValidTo))
            .Set("klima:seat", row.SeatLabel)
            .Set("klima:seatOrdinal", row.SeatOrdinal)
            .Set("klima:appointedBy", OParlOrganizations.AppointedBy(urls, model, row.AppointedByOrganisationId, row.AppointedByBodyId))
            .Set("klima:appointedByDecision", row.AppointedByDecisionRef)
            .Set("klima:substitute", row.SubstitutePersonId is { } substitute ? urls.Person(model, substitute) : null)
            .Set("klima:tiedToElectionTerm", row.TiedToElectionTerm)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapBodyList("people", "oparlListPeople", (urls, model, list) => new ListPeopleQuery(urls, model, list));
            app.MapBodyObject("person", "oparlGetPerson", (urls, model, id) => new GetPersonQuery(urls, model, id));
            app.MapBodyList("memberships", "oparlListMemberships", (urls, model, list) => new ListMembershipsQuery(urls, model, list));
            app.MapBodyObject("membership", "oparlGetMembership", (urls, model, id) => new GetMembershipQuery(urls, model, id));
        }
    }
}

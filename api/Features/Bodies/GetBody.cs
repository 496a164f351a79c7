using Dapper;
using Klima.Api.Domain.Governance;
using Klima.Api.Domain;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace Klima.Api.Features.Bodies;

/// <summary>Reads one body in full as of a date (today by default): mandate, host, relations, who sat in which seat, warnings.</summary>
public static class GetBody
{
    public sealed record Query(Guid Id, DateOnly? AsOf) : IRequest<BodyDetailResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, BodyDetailResponse>
    {
        public async Task<BodyDetailResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var asOf = query.AsOf ?? clock.Today();
            await using var connection = await db.OpenAsync(cancellationToken);
            BodyResponse body;
            OrganisationRef? host;
            List<RelationResponse> relations;
            List<SeatResponse> seats;
            IReadOnlyList<CompositionRule> rules;
            List<SeatHolderRow> history;
            // One round trip: the seats' whole membership history serves both the holders on asOf and the composition
            // check, which judges periods, so nothing is read twice.
            using (var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
                SELECT {BodiesStore.Columns} FROM body b WHERE b.id = @BodyId AND b.deleted_at IS NULL;
                SELECT o.id, o.name, o.short_name FROM organisation o JOIN body b ON b.host_organisation_id = o.id WHERE b.id = @BodyId;
                {BodiesStore.RelationSelect} WHERE (r.from_body_id = @BodyId OR r.to_body_id = @BodyId) AND r.deleted_at IS NULL ORDER BY r.kind, r.id;
                SELECT {BodiesStore.SeatColumns} {BodiesStore.SeatFrom} WHERE s.body_id = @BodyId AND s.deleted_at IS NULL ORDER BY s.ordinal, s.id;
                {BodiesStore.RulesSql}
                SELECT m.id AS membership_id, m.seat_id, m.person_id, p.name AS person_name, m.valid_from, m.valid_to, m.substitute_person_id
                FROM membership m JOIN seat s ON s.id = m.seat_id JOIN person p ON p.id = m.person_id
                WHERE s.body_id = @BodyId AND s.deleted_at IS NULL AND m.deleted_at IS NULL ORDER BY m.valid_from, m.id;
                """, new { BodyId = query.Id }, cancellationToken: cancellationToken)))
            {
                body = await grid.ReadSingleOrDefaultAsync<BodyResponse>() ?? throw new NotFoundException("Body", query.Id);
                host = await grid.ReadSingleOrDefaultAsync<OrganisationRef>();
                relations = (await grid.ReadAsync<RelationResponse>()).ToList();
                seats = (await grid.ReadAsync<SeatResponse>()).ToList();
                rules = await grid.ReadRulesAsync();
                history = (await grid.ReadAsync<SeatHolderRow>()).ToList();
            }
            // A body belongs to its partnership: a caller limited to other partnerships is refused it (403).
            GovernanceModelsStore.Ensure(user, body.GovernanceModelId);

            var composition = new BodyComposition(rules,
                seats.Select(s => new SeatFact(s.Id, s.Role, s.Category, s.RepresentsOrganisationId, s.Label)).ToList(),
                history.Select(h => h.ToFact()).ToList());
            var refBodies = rules.Where(r => r.RefBodyId is not null).Select(r => r.RefBodyId!.Value);
            var others = await connection.LoadMembershipsOfBodiesAsync(refBodies, null, cancellationToken);
            var warnings = CompositionEngine.Findings(composition, asOf, id => others.TryGetValue(id, out var m) ? m : []);
            var holders = history.Where(h => h.ToFact().Period.Contains(asOf));

            var holderBySeat = holders.ToLookup(h => h.SeatId);
            return new BodyDetailResponse
            {
                Id = body.Id, GovernanceModelId = body.GovernanceModelId, Code = body.Code, Name = body.Name, NameEn = body.NameEn, Kind = body.Kind,
                Mandate = body.Mandate, CanDecide = body.CanDecide, HostOrganisationId = body.HostOrganisationId,
                ServedByBodyId = body.ServedByBodyId, ServedByOrganisationId = body.ServedByOrganisationId, EstablishedOn = body.EstablishedOn,
                EstablishedByCaseRef = body.EstablishedByCaseRef, DissolvedOn = body.DissolvedOn, DissolvedByCaseRef = body.DissolvedByCaseRef,
                Version = body.Version, ModifiedAt = body.ModifiedAt,
                AsOf = asOf,
                HostOrganisation = host,
                RelationsOut = relations.Where(r => r.FromBodyId == body.Id).ToList(),
                RelationsIn = relations.Where(r => r.ToBodyId == body.Id).ToList(),
                Seats = seats.Select(s => s with { Holder = holderBySeat[s.Id].Select(h => h.ToHolder()).FirstOrDefault() }).ToList(),
                Warnings = warnings.Select(BodyWarning.From).ToList(),
            };
        }
    }

    internal sealed record SeatHolderRow
    {
        public required Guid MembershipId { get; init; }
        public required Guid SeatId { get; init; }
        public required Guid PersonId { get; init; }
        public required string PersonName { get; init; }
        public required DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public Guid? SubstitutePersonId { get; init; }

        public MembershipFact ToFact() => new(MembershipId, SeatId, PersonId, new Period(ValidFrom, ValidTo));

        public SeatHolder ToHolder() => new()
        {
            MembershipId = MembershipId, PersonId = PersonId, PersonName = PersonName, ValidFrom = ValidFrom, ValidTo = ValidTo, SubstitutePersonId = SubstitutePersonId,
        };
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}", async (Guid id, DateOnly? asOf, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                {
                    var body = await mediator.Send(new Query(id, asOf), http.RequestAborted);
                    // The ETag leads with the body's own version (for If-Match on updates); seats and members change without
                    // it, so the read model adds the data version (Infrastructure/Caching) before a 304 can be answered.
                    ETags.Set(http, body.Version);
                    // Serialised once with its length: the cached copy (81 KB for a body with many members) is then sent
                    // with Content-Length in one piece on every hit, not re-chunked segment by segment.
                    return TypedResults.Bytes(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions), "application/json; charset=utf-8");
                })
                .WithName("getBody")
                .WithSummary("Hent et organ / Get a body")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organet som på en dato (i dag som standard): mandat, vært, relationer, hvem der sad på hvilken plads og advarsler om " +
                                 "sammensætningen. ETag til senere ændringer." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The body " +
                                 "as of a date (today by default): mandate, host, relations, who sat in which seat and composition warnings. ETag for later changes.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<BodyDetailResponse>()
                .CacheReadModel()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

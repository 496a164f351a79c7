using System.Globalization;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Bodies;

/// <summary>Lists a body's seats in order, each with its holder on a date (today by default), paged, with tombstones for sync.</summary>
public static class ListSeats
{
    public sealed record Query(Guid BodyId, DateOnly? AsOf, Guid? RepresentsOrganisationId, bool? Vacant, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor)
        : IRequest<Slice<SeatResponse>>, IListQuery;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Slice<SeatResponse>>
    {
        private const string Holding = "m.seat_id = s.id AND m.deleted_at IS NULL AND m.valid_from <= @AsOf AND (m.valid_to IS NULL OR m.valid_to > @AsOf)";

        public async Task<Slice<SeatResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var asOf = query.AsOf ?? clock.Today();
            var sql = new StringBuilder($"SELECT {BodiesStore.SeatColumns} {BodiesStore.SeatFrom} WHERE s.body_id = @BodyId");
            if (!query.IncludeTombstones()) sql.Append(" AND s.deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND s.modified_at > @ModifiedSince");
            if (query.RepresentsOrganisationId is not null) sql.Append(" AND s.represents_organisation_id = @RepresentsOrganisationId");
            if (query.Vacant is not null) sql.Append(query.Vacant.Value ? " AND NOT EXISTS" : " AND EXISTS").Append($" (SELECT 1 FROM membership m WHERE {Holding})");
            var (afterOrdinal, afterId) = DecodeCursor(query.Cursor);
            if (afterId is not null) sql.Append(" AND (s.ordinal > @AfterOrdinal OR (s.ordinal = @AfterOrdinal AND s.id > @AfterId))");
            sql.Append(" ORDER BY s.ordinal, s.id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM body WHERE id = @BodyId AND deleted_at IS NULL", query, cancellationToken: cancellationToken));
            if (exists == 0)
            {
                throw new NotFoundException("Body", query.BodyId);
            }
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            var parameters = new
            {
                query.BodyId, query.ModifiedSince, query.RepresentsOrganisationId, AsOf = asOf, AfterOrdinal = afterOrdinal, AfterId = afterId, Take = query.Take() + 1,
            };
            var rows = (await connection.QueryAsync<SeatResponse>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var holders = (await connection.QueryAsync<GetBody.SeatHolderRow>(new CommandDefinition($"""
                SELECT m.id AS membership_id, m.seat_id, m.person_id, p.name AS person_name, m.valid_from, m.valid_to, m.substitute_person_id
                FROM membership m JOIN seat s ON s.id = m.seat_id JOIN person p ON p.id = m.person_id
                WHERE s.body_id = @BodyId AND {Holding}
                """, parameters, cancellationToken: cancellationToken))).ToLookup(h => h.SeatId);
            rows = rows.Select(s => s with { Holder = holders[s.Id].Select(h => h.ToHolder()).FirstOrDefault() }).ToList();
            return Slice<SeatResponse>.FromRows(rows, query.Take(), s => string.Create(CultureInfo.InvariantCulture, $"{s.Ordinal}:{s.Id}"));
        }

        private static (int Ordinal, Guid? Id) DecodeCursor(string? cursor)
        {
            var key = Cursor.Decode(cursor);
            if (key is null)
            {
                return (0, null);
            }
            var parts = key.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ordinal) && Guid.TryParse(parts[1], out var id))
            {
                return (ordinal, id);
            }
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("cursor", Messages.Get("Paging.UnknownCursor"))]);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/seats", async (Guid id, DateOnly? asOf, Guid? representsOrganisationId, bool? vacant, DateTimeOffset? modifiedSince,
                    int? limit, string? cursor, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(new Query(id, asOf, representsOrganisationId, vacant, modifiedSince, limit, cursor), http.RequestAborted))
                        .ToPage(http.Request)))
                .WithName("listSeats")
                .WithSummary("Vis et organs pladser / List a body's seats")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Pladserne i rækkefølge, hver med sin indehaver på en dato (i dag som standard), sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The seats " +
                                 "in order, each with its holder on a date (today by default), paged, with tombstones.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

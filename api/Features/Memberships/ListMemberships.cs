using Dapper;
using FluentValidation;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Lists memberships - of a body, a person, a seat, an organisation's seats, or all - optionally as of a date ("who sat where on D"),
/// paged, with tombstones for incremental sync. Without asOf the whole history is listed.
/// </summary>
public static class ListMemberships
{
    public sealed record Query : IRequest<Slice<MembershipResponse>>, IListQuery
    {
        public Guid? BodyId { get; init; }
        public Guid? PersonId { get; init; }
        public Guid? SeatId { get; init; }
        public Guid? RepresentsOrganisationId { get; init; }
        public DateOnly? AsOf { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<MembershipResponse>>
    {
        public async Task<Slice<MembershipResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var list = new ListSql(MembershipsStore.Select, query, "m")
                .Where(query.BodyId is not null, "s.body_id = @BodyId")
                .Where(query.PersonId is not null, "m.person_id = @PersonId")
                .Where(query.SeatId is not null, "m.seat_id = @SeatId")
                .Where(query.RepresentsOrganisationId is not null, "s.represents_organisation_id = @RepresentsOrganisationId")
                .Where(query.AsOf is not null, MembershipsStore.HeldOn);
            var parameters = new DynamicParameters(new
            {
                query.ModifiedSince, query.BodyId, query.PersonId, query.SeatId, query.RepresentsOrganisationId, query.AsOf, list.After, list.Take,
            });
            // A caller limited to some partnerships sees only memberships of their bodies (a person's list too); a body of another answers 403.
            var scope = GovernanceModelsStore.ListCondition(user, null, "b.governance_model_id", parameters);
            list.Where(scope is not null, scope ?? "");

            await using var connection = await db.OpenAsync(cancellationToken);
            if (query.BodyId is { } body)
            {
                await BodiesStore.EnsureBodyInScopeAsync(connection, user, body, null, cancellationToken);
            }
            var rows = (await connection.QueryAsync<MembershipResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters,
                cancellationToken: cancellationToken))).ToList();
            return Slice<MembershipResponse>.FromRows(rows, list.PageSize, r => r.Id.ToString());
        }
    }

    private static async Task EnsureExistsAsync(IDbConnectionFactory db, string table, string resource, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, cancellationToken: cancellationToken));
        if (found == 0)
        {
            throw new NotFoundException(resource, id);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/api/memberships", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listMemberships")
                .WithSummary("Vis medlemskaber / List memberships")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Medlemskaber af et organ, en person, en plads, en organisations pladser eller alle, eventuelt på en dato (hvem sad hvor " +
                                 "den dag); uden asOf hele historikken. Sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Memberships of a body, a person, a seat, an organisation's seats or all, optionally as of a date (who sat where that " +
                                 "day); without asOf the whole history. Paged, with tombstones.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();

            app.MapGet("/api/bodies/{id:guid}/memberships", async (Guid id, DateOnly? asOf, DateTimeOffset? modifiedSince, int? limit, string? cursor,
                    IMediator mediator, IDbConnectionFactory db, HttpContext http) =>
                {
                    await EnsureExistsAsync(db, "body", "Body", id, http.RequestAborted);
                    var slice = await mediator.Send(new Query { BodyId = id, AsOf = asOf, ModifiedSince = modifiedSince, Limit = limit, Cursor = cursor }, http.RequestAborted);
                    return TypedResults.Ok(slice.ToPage(http.Request));
                })
                .WithName("listBodyMemberships")
                .WithSummary("Vis et organs medlemskaber / List a body's memberships")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organets medlemskaber, eventuelt på en dato; uden asOf hele historikken. Sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The " +
                                 "body's memberships, optionally as of a date; without asOf the whole history. Paged, with tombstones.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);

            app.MapGet("/api/people/{id:guid}/memberships", async (Guid id, DateOnly? asOf, DateTimeOffset? modifiedSince, int? limit, string? cursor,
                    IMediator mediator, IDbConnectionFactory db, HttpContext http) =>
                {
                    await EnsureExistsAsync(db, "person", "Person", id, http.RequestAborted);
                    var slice = await mediator.Send(new Query { PersonId = id, AsOf = asOf, ModifiedSince = modifiedSince, Limit = limit, Cursor = cursor }, http.RequestAborted);
                    return TypedResults.Ok(slice.ToPage(http.Request));
                })
                .WithName("listPersonMemberships")
                .WithSummary("Vis en persons medlemskaber / List a person's memberships")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Personens pladser i organer, eventuelt på en dato; uden asOf hele historikken. Sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The " +
                                 "person's seats in bodies, optionally as of a date; without asOf the whole history. Paged, with tombstones.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
    }
}

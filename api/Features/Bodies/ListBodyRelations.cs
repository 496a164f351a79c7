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

namespace Klima.Api.Features.Bodies;

/// <summary>Lists a body's relations in and out, filtered by kind or direction, paged, with tombstones for incremental sync.</summary>
public static class ListBodyRelations
{
    /// <summary>Which relations of the body: from it, to it, or both.</summary>
    public enum Direction
    {
        Both,
        Out,
        In,
    }

    public sealed record Query(Guid BodyId, string? Kind, string? Direction, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor)
        : IRequest<Slice<RelationResponse>>, IListQuery;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Kind).IsEnumName(typeof(RelationKind), caseSensitive: false).When(q => q.Kind is not null);
            RuleFor(q => q.Direction).IsEnumName(typeof(Direction), caseSensitive: false).When(q => q.Direction is not null)
                .WithMessage(_ => Messages.Get("Relation.Direction"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<RelationResponse>>
    {
        public async Task<Slice<RelationResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder($"{BodiesStore.RelationSelect} WHERE ");
            sql.Append((query.Direction is null ? Direction.Both : Enum.Parse<Direction>(query.Direction, ignoreCase: true)) switch
            {
                Direction.Out => "r.from_body_id = @BodyId",
                Direction.In => "r.to_body_id = @BodyId",
                _ => "(r.from_body_id = @BodyId OR r.to_body_id = @BodyId)",
            });
            if (!query.IncludeTombstones()) sql.Append(" AND r.deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND r.modified_at > @ModifiedSince");
            if (query.Kind is not null) sql.Append(" AND r.kind = @Kind");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND r.id > @After");
            sql.Append(" ORDER BY r.id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM body WHERE id = @BodyId AND deleted_at IS NULL", new { query.BodyId }, cancellationToken: cancellationToken));
            if (exists == 0)
            {
                throw new NotFoundException("Body", query.BodyId);
            }
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            var rows = (await connection.QueryAsync<RelationResponse>(new CommandDefinition(sql.ToString(), new
            {
                query.BodyId, query.ModifiedSince, Kind = query.Kind is null ? null : Enum.Parse<RelationKind>(query.Kind, ignoreCase: true).Text(),
                After = after, Take = query.Take() + 1,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<RelationResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/relations", async (Guid id, string? kind, string? direction, DateTimeOffset? modifiedSince, int? limit, string? cursor,
                    IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(new Query(id, kind, direction, modifiedSince, limit, cursor), http.RequestAborted)).ToPage(http.Request)))
                .WithName("listBodyRelations")
                .WithSummary("Vis et organs relationer / List a body's relations")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Relationer ind og ud, filtreret på type eller retning, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). Relations " +
                                 "in and out, filtered by kind or direction, paged, with tombstones.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Lists the composition rules a body must keep, paged, with tombstones for sync.</summary>
public static class ListCompositionRulesOfBody
{
    public sealed record Query(Guid BodyId, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor) : IRequest<Slice<CompositionRuleResponse>>, IListQuery;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<CompositionRuleResponse>>
    {
        public async Task<Slice<CompositionRuleResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder($"SELECT {BodiesStore.RuleColumns} FROM composition_rule WHERE body_id = @BodyId");
            if (!query.IncludeTombstones()) sql.Append(" AND deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND modified_at > @ModifiedSince");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND id > @After");
            sql.Append(" ORDER BY id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM body WHERE id = @BodyId AND deleted_at IS NULL", query, cancellationToken: cancellationToken));
            if (exists == 0)
            {
                throw new NotFoundException("Body", query.BodyId);
            }
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            var rows = (await connection.QueryAsync<CompositionRuleResponse>(new CommandDefinition(sql.ToString(),
                new { query.BodyId, query.ModifiedSince, After = after, Take = query.Take() + 1 }, cancellationToken: cancellationToken))).ToList();
            return Slice<CompositionRuleResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/composition-rules", async (Guid id, DateTimeOffset? modifiedSince, int? limit, string? cursor, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(new Query(id, modifiedSince, limit, cursor), http.RequestAborted)).ToPage(http.Request)))
                .WithName("listCompositionRules")
                .WithSummary("Vis et organs sammensætningsregler / List a body's composition rules")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Reglerne organet skal overholde, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The rules " +
                                 "the body must keep, paged, with tombstones.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>Lists allocation keys, optionally of one governance model, paged in a stable order.</summary>
public static class ListAllocationKeys
{
    public sealed record Query : IRequest<Slice<AllocationKeyResponse>>, IListQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<AllocationKeyResponse>>
    {
        public async Task<Slice<AllocationKeyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            // Without a model filter a caller limited to some partnerships sees their keys only; another model answers 403.
            var parameters = new DynamicParameters();
            var model = GovernanceModelsStore.ListCondition(user, query.GovernanceModelId, "governance_model_id", parameters);
            // Keys carry no tombstone marker, so deleted keys stay out even with modifiedSince (not the list helper's sync rule).
            var sql = new StringBuilder($"SELECT {AllocationKeysStore.Columns} FROM allocation_key WHERE deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND modified_at > @ModifiedSince");
            if (model is not null) sql.Append(" AND ").Append(model);
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND id > @After");
            sql.Append(" ORDER BY id").Append(db.Dialect.Limit("@Take"));
            parameters.AddDynamicParams(new { query.ModifiedSince, After = after, Take = query.Take() + 1 });
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<AllocationKeyRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var keys = await AllocationKeysStore.WithSharesAsync(connection, rows, null, cancellationToken);
            return Slice<AllocationKeyResponse>.FromRows(keys.ToList(), query.Take(), k => k.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/allocation-keys", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listAllocationKeys")
                .WithSummary("Vis fordelingsnøgler / List allocation keys")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Nøgler, eventuelt for én styringsmodel, sidevis i fast rækkefølge. " +
                                 "En kalder begrænset til visse modeller ser kun deres nøgler (403 for en anden model)." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Keys, optionally of one governance model, paged in a stable order. " +
                                 "A caller limited to some models sees only their keys (403 for another model).")
                .Produces<Page<AllocationKeyResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
    }
}

using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Actuals;

/// <summary>Lists recorded actuals, optionally of one budget, paged in a stable order.</summary>
public static class ListActuals
{
    public sealed record Query : IRequest<Slice<ActualResponse>>, IListQuery
    {
        public Guid? BudgetId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<ActualResponse>>
    {
        public async Task<Slice<ActualResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder(ActualsStore.Select);
            if (query.BudgetId is not null) sql.Append(" AND a.budget_id = @BudgetId");
            if (query.ModifiedSince is not null) sql.Append(" AND a.modified_at > @ModifiedSince");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND a.id > @After");
            sql.Append(" ORDER BY a.id").Append(db.Dialect.Limit("@Take"));
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<ActualRow>(new CommandDefinition(sql.ToString(),
                new { query.BudgetId, query.ModifiedSince, After = after, Take = query.Take() + 1 }, cancellationToken: cancellationToken));
            return Slice<ActualResponse>.FromRows(rows.Select(r => r.ToResponse()).ToList(), query.Take(), a => a.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/actuals", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listActuals")
                .WithSummary("Vis forbrug / List actuals")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Registreret forbrug, eventuelt for ét budget, " +
                                 "sidevis i fast rækkefølge; ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Recorded actuals, optionally of one budget, paged in a " +
                                 "stable order; ETag and 304.")
                .Produces<Page<ActualResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem();
    }
}

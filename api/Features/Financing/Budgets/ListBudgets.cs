using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>Lists budgets, optionally of one programme and its phases, with their versions; paged in a stable order.</summary>
public static class ListBudgets
{
    public sealed record Query : IRequest<Slice<BudgetResponse>>, IListQuery
    {
        public Guid? ProgrammeId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
        /// <summary>Only the budgets of this partnership's programmes.</summary>
        public Guid? GovernanceModelId { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<BudgetResponse>>
    {
        public async Task<Slice<BudgetResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var sql = new StringBuilder("SELECT b.id FROM budget b WHERE b.deleted_at IS NULL");
            var parameters = new DynamicParameters();
            if (query.ProgrammeId is { } programmeId)
            {
                var all = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken));
                sql.Append(" AND b.programme_id IN ").Append(SqlIn.Guids(parameters, "Programme", ProgrammesStore.WithDescendants(all, programmeId)));
            }
            if (query.GovernanceModelId is not null || user.ModelScope is not null)
            {
                // Partnerships kept apart: one model's budgets, or those of the models the caller is limited to.
                var models = query.GovernanceModelId is { } model
                    ? [await GovernanceModels.GovernanceModelsStore.ResolveAsync(connection, model, user, null, cancellationToken)]
                    : user.ModelScope!.ToList();
                var all = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken));
                sql.Append(" AND b.programme_id IN ").Append(SqlIn.Guids(parameters, "ModelProgramme", all.Where(p => models.Contains(p.GovernanceModelId)).Select(p => p.Id).ToList()));
            }
            if (query.ModifiedSince is not null) sql.Append(" AND b.modified_at > @ModifiedSince");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND b.id > @After");
            sql.Append(" ORDER BY b.id").Append(db.Dialect.Limit("@Take"));
            parameters.AddDynamicParams(new { query.ModifiedSince, After = after, Take = query.Take() + 1 });
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var items = new List<BudgetResponse>();
            foreach (var id in ids)
            {
                items.Add(await BudgetsStore.LoadBudgetAsync(connection, id, null, cancellationToken));
            }
            return Slice<BudgetResponse>.FromRows(items, query.Take(), b => b.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/budgets", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listBudgets")
                .WithSummary("Vis budgetter / List budgets")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Budgetter, eventuelt for ét program og dets faser, " +
                                 "med versioner; sidevis i fast rækkefølge, ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Budgets, optionally of one programme and its phases, " +
                                 "with their versions; paged in a stable order, ETag and 304.")
                .Produces<Page<BudgetResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem();
    }
}

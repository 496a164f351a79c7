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

namespace Klima.Api.Features.Financing.Programmes;

/// <summary>Lists funding programmes and phases, paged in a stable order.</summary>
public static class ListProgrammes
{
    public sealed record Query : IRequest<Slice<ProgrammeResponse>>, IListQuery
    {
        public Guid? ParentProgrammeId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
        /// <summary>Only this partnership's programmes.</summary>
        public Guid? GovernanceModelId { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<ProgrammeResponse>>
    {
        public async Task<Slice<ProgrammeResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var sql = new StringBuilder($"SELECT {ProgrammesStore.Columns} FROM funding_programme WHERE deleted_at IS NULL");
            var parameters = new DynamicParameters();
            if (query.GovernanceModelId is { } model)
            {
                parameters.Add("Model", await GovernanceModels.GovernanceModelsStore.ResolveAsync(connection, model, user, null, cancellationToken));
                sql.Append(" AND governance_model_id = @Model");
            }
            else if (user.ModelScope is { } scope)
            {
                sql.Append(" AND governance_model_id IN ").Append(SqlIn.Guids(parameters, "ScopeModel", scope.ToList()));
            }
            if (query.ModifiedSince is not null) sql.Append(" AND modified_at > @ModifiedSince");
            if (query.ParentProgrammeId is not null) sql.Append(" AND parent_programme_id = @ParentProgrammeId");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND id > @After");
            sql.Append(" ORDER BY id").Append(db.Dialect.Limit("@Take"));
            parameters.AddDynamicParams(new { query.ModifiedSince, query.ParentProgrammeId, After = after, Take = query.Take() + 1 });
            var rows = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
            return Slice<ProgrammeResponse>.FromRows(rows.Select(r => r.ToResponse()).ToList(), query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/programmes", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listFundingProgrammes")
                .WithSummary("Vis finansieringsprogrammer / List funding programmes")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Programmer og faser, sidevis i fast rækkefølge; ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Programmes and phases, paged in a stable order; ETag and 304.")
                .Produces<Page<ProgrammeResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem();
    }
}

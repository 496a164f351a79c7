using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Lists governance models, filtered by name or code, paged, with tombstones for incremental sync.</summary>
public static class ListGovernanceModels
{
    public sealed record Query : IRequest<Slice<GovernanceModelResponse>>, IListQuery
    {
        public string? Q { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Q).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<GovernanceModelResponse>>
    {
        public async Task<Slice<GovernanceModelResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var list = new ListSql($"SELECT {GovernanceModelsStore.Columns} FROM governance_model", query)
                .Where(!string.IsNullOrWhiteSpace(query.Q), $"({db.Dialect.ContainsText("name", "@Like")} OR {db.Dialect.ContainsText("code", "@Like")})");

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<GovernanceModelResponse>(new CommandDefinition(list.ToSql(db.Dialect),
                new { query.ModifiedSince, Like = SqlText.ContainsPattern(query.Q ?? ""), list.After, list.Take }, cancellationToken: cancellationToken))).ToList();
            return Slice<GovernanceModelResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listGovernanceModels")
                .WithSummary("Vis styringsmodeller / List governance models")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Styringsmodeller filtreret på navn eller kode, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Governance models filtered by name or code, paged, with tombstones.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}

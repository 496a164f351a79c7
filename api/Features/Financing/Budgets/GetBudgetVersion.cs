using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Klima.Api.Domain;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>Reads one version of a budget with its lines, or the version in force on a day (<c>/in-force?asOf=</c>).</summary>
public static class GetBudgetVersion
{
    public sealed record Query(Guid BudgetId, int? Number, DateOnly? AsOf) : IRequest<BudgetVersionResponse>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Number).GreaterThan(0);
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Query, BudgetVersionResponse>
    {
        public async Task<BudgetVersionResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var number = query.Number;
            if (number is null)
            {
                var asOf = query.AsOf ?? clock.Today();
                var versions = await connection.QueryAsync<BudgetVersionRow>(new CommandDefinition(
                    BudgetsStore.SelectVersions + " WHERE budget_id = @Id", new { Id = query.BudgetId }, cancellationToken: cancellationToken));
                number = BudgetVersions.InForce(versions.Select(v => v.Info), asOf)?.Number
                         ?? throw new NotFoundException("Budget version in force", $"{query.BudgetId} on {asOf:yyyy-MM-dd}");
            }
            return await BudgetsStore.LoadVersionAsync(connection, query.BudgetId, number.Value, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/api/financing/budgets/{id:guid}/versions/{number:int}", async (Guid id, int number, IMediator mediator, HttpContext http) =>
                {
                    var version = await mediator.Send(new Query(id, number, null), http.RequestAborted);
                    return ETags.OkWithETag(http, version, version.Version);
                })
                .WithName("getBudgetVersion")
                .WithSummary("Hent en budgetversion / Get a budget version")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Én version med dens linjer (periode × " +
                                 "omkostningstype × betaler) og ETag." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). One version with its lines (period × cost type × payer) and ETag.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<BudgetVersionResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);

            app.MapGet("/api/financing/budgets/{id:guid}/in-force", async (Guid id, DateOnly? asOf, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                {
                    // Which version answers depends on the day, so the row version is no ETag here: the content hash is.
                    var version = await mediator.Send(new Query(id, null, asOf), http.RequestAborted);
                    return ContentResponses.Json(http, version, json.Value.SerializerOptions);
                })
                .WithName("getBudgetVersionInForce")
                .WithSummary("Hent budgetversionen i kraft / Get the budget version in force")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Den godkendte eller reviderede version i kraft på " +
                                 "asOf (i dag som standard): den seneste med ikrafttræden på eller før den dag. 404 når ingen er godkendt endnu." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The approved or revised version in force on asOf " +
                                 "(default today): the latest effective on or before that day. 404 when none is approved yet.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<BudgetVersionResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
    }
}

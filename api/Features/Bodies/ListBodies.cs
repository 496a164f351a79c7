using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Lists bodies, filtered by model, kind or organisation (host or represented), paged, with tombstones for sync.</summary>
public static class ListBodies
{
    public sealed record Query : IRequest<Slice<BodyResponse>>, IListQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public string? Kind { get; init; }
        public Guid? OrganisationId { get; init; }
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
            RuleFor(q => q.Kind).IsEnumName(typeof(BodyKind), caseSensitive: false).When(q => q.Kind is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<BodyResponse>>
    {
        public async Task<Slice<BodyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = new DynamicParameters();
            var model = GovernanceModelsStore.ListCondition(user, query.GovernanceModelId, "b.governance_model_id", parameters);
            var list = new ListSql($"SELECT {BodiesStore.Columns} FROM body b", query, "b")
                .Where(model is not null, model!)
                .Where(query.Kind is not null, "b.kind = @Kind")
                .Where(query.OrganisationId is not null,
                    "(b.host_organisation_id = @OrganisationId OR EXISTS (SELECT 1 FROM seat s WHERE s.body_id = b.id AND s.deleted_at IS NULL AND s.represents_organisation_id = @OrganisationId))")
                .Where(!string.IsNullOrWhiteSpace(query.Q),
                    $"({db.Dialect.ContainsText("b.name", "@Like")} OR {db.Dialect.ContainsText("b.name_en", "@Like")} OR {db.Dialect.ContainsText("b.code", "@Like")})");
            parameters.AddDynamicParams(new
            {
                query.ModifiedSince,
                Kind = query.Kind is null ? null : Enum.Parse<BodyKind>(query.Kind, ignoreCase: true).Text(),
                query.OrganisationId,
                Like = SqlText.ContainsPattern(query.Q ?? ""),
                list.After,
                list.Take,
            });

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<BodyResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return Slice<BodyResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listBodies")
                .WithSummary("Vis organer / List bodies")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organer filtreret på styringsmodel, type eller organisation (vært eller repræsenteret), sidevis med slettede som " +
                                 "tombstones til synkronisering. En kalder begrænset til visse modeller ser kun deres organer (403 for en anden model)." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). Bodies " +
                                 "filtered by governance model, kind or organisation (host or represented), paged, with tombstones for sync. A caller limited " +
                                 "to some models sees only their bodies (403 for another model).")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
    }
}

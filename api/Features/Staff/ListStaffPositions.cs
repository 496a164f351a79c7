using Dapper;
using FluentValidation;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Staff;

/// <summary>Lists secretariat staff positions, filtered by secretariat body, employer or date, paged, with tombstones for sync.</summary>
public static class ListStaffPositions
{
    public sealed record Query : IRequest<Slice<StaffPositionResponse>>, IListQuery
    {
        public Guid? BodyId { get; init; }
        public Guid? EmployerOrganisationId { get; init; }
        public DateOnly? AsOf { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<StaffPositionResponse>>
    {
        public async Task<Slice<StaffPositionResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var list = new ListSql(StaffStore.Select, query, "sp")
                .Where(query.BodyId is not null, "sp.body_id = @BodyId")
                .Where(query.EmployerOrganisationId is not null, "sp.employer_organisation_id = @EmployerOrganisationId")
                .Where(query.AsOf is not null, "(sp.valid_from IS NULL OR sp.valid_from <= @AsOf) AND (sp.valid_to IS NULL OR sp.valid_to > @AsOf)");
            var parameters = new DynamicParameters(new { query.ModifiedSince, query.BodyId, query.EmployerOrganisationId, query.AsOf, list.After, list.Take });
            // A caller limited to some partnerships sees only their secretariats' positions; a body of another answers 403.
            var scope = GovernanceModelsStore.ListCondition(user, null, "b.governance_model_id", parameters);
            list.Where(scope is not null, scope ?? "");

            await using var connection = await db.OpenAsync(cancellationToken);
            if (query.BodyId is { } body)
            {
                await BodiesStore.EnsureBodyInScopeAsync(connection, user, body, null, cancellationToken);
            }
            var rows = (await connection.QueryAsync<StaffPositionResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters,
                cancellationToken: cancellationToken))).ToList();
            return Slice<StaffPositionResponse>.FromRows(rows, list.PageSize, r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/staff-positions", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listStaffPositions")
                .WithSummary("Vis stillinger / List staff positions")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Sekretariatsstillinger filtreret på sekretariat, ansættende organisation eller dato, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Secretariat staff positions filtered by secretariat body, employer or date, paged, with tombstones.")
                .WithTags("Staff")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}

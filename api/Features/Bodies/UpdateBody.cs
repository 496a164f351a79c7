using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Changes a body (name, mandate, host, establishment or dissolution); the caller must hold its current version (If-Match).</summary>
public static class UpdateBody
{
    public sealed record Body(
        string Code, string Name, string? NameEn, BodyKind Kind, string? Mandate, bool CanDecide, Guid? HostOrganisationId,
        DateOnly? EstablishedOn, string? EstablishedByCaseRef, DateOnly? DissolvedOn, string? DissolvedByCaseRef,
        Guid? ServedByBodyId = null, Guid? ServedByOrganisationId = null);

    public sealed record Command(Guid Id, int ExpectedVersion, Body Changes) : IRequest<BodyResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new BodyRules<Command>(c => c.Changes.Code, c => c.Changes.Name, c => c.Changes.NameEn, c => c.Changes.Mandate,
            c => c.Changes.EstablishedOn, c => c.Changes.EstablishedByCaseRef, c => c.Changes.DissolvedOn, c => c.Changes.DissolvedByCaseRef));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BodyResponse>
    {
        public async Task<BodyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var c = command.Changes;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.EnsureExistsAsync("organisation", c.HostOrganisationId, "hostOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
            var modelId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                "SELECT governance_model_id FROM body WHERE id = @Id AND deleted_at IS NULL", new { command.Id }, transaction, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("Body", command.Id);
            GovernanceModelsStore.Ensure(user, modelId);
            await BodyServedBy.EnsureValidAsync(connection, modelId, command.Id, c.ServedByBodyId, c.ServedByOrganisationId, transaction, cancellationToken);
            int changed;
            try
            {
                changed = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE body
                    SET code = @Code, name = @Name, name_en = @NameEn, kind = @Kind, mandate = @Mandate, can_decide = @CanDecide,
                        host_organisation_id = @HostOrganisationId, served_by_body_id = @ServedByBodyId,
                        served_by_organisation_id = @ServedByOrganisationId, established_on = @EstablishedOn, established_by_case_ref = @EstablishedByCaseRef,
                        dissolved_on = @DissolvedOn, dissolved_by_case_ref = @DissolvedByCaseRef, version = version + 1, modified_at = @Now
                    WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                    """, new
                    {
                        command.Id, command.ExpectedVersion, c.Code, c.Name, c.NameEn, Kind = c.Kind.Text(), c.Mandate, c.CanDecide, c.HostOrganisationId,
                        c.EstablishedOn, c.EstablishedByCaseRef, c.DissolvedOn, c.DissolvedByCaseRef, c.ServedByBodyId, c.ServedByOrganisationId, Now = now,
                    }, transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Body.CodeTaken", c.Code);
            }
            await connection.EnsureChangedAsync(changed, "body", "Body", command.Id, transaction, cancellationToken);
            var updated = await connection.QuerySingleAsync<BodyResponse>(new CommandDefinition(
                $"SELECT {BodiesStore.Columns} FROM body b WHERE b.id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/bodies/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateBody")
                .WithSummary("Ret et organ / Update a body")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Ændrer navn, mandat, vært, " +
                                 "nedsættelse eller nedlæggelse. Kræver If-Match med den nuværende version (428 uden, 412 ved forældet); 422 med feltnavn " +
                                 "for en henvisning, der ikke findes." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Changes name, mandate, host, " +
                                 "establishment or dissolution. Needs If-Match with the current version (428 without, 412 when stale); 422 naming the " +
                                 "field for a reference that does not exist.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

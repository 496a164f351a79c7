using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Removes an organisation from a model's parties (If-Match on the model); refused while seats of the model's bodies represent it.</summary>
public static class RemoveGovernanceModelParty
{
    public sealed record Command(Guid Id, Guid OrganisationId, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            GovernanceModelsStore.Ensure(user, command.Id);
            var isParty = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM governance_model_party WHERE governance_model_id = @Id AND organisation_id = @OrganisationId",
                command, transaction, cancellationToken: cancellationToken));
            if (isParty == 0)
            {
                throw new NotFoundException("Party", command.OrganisationId);
            }
            var seats = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
                SELECT COUNT(*) FROM seat s JOIN body b ON b.id = s.body_id
                WHERE b.governance_model_id = @Id AND s.represents_organisation_id = @OrganisationId AND s.deleted_at IS NULL AND b.deleted_at IS NULL
                """, command, transaction, cancellationToken: cancellationToken));
            if (seats > 0)
            {
                throw new ConflictException("GovernanceModel.PartyHasSeats", seats);
            }
            await connection.BumpModelVersionAsync(command.Id, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM governance_model_party WHERE governance_model_id = @Id AND organisation_id = @OrganisationId",
                command, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/governance-models/{id:guid}/parties/{organisationId:guid}", async (Guid id, Guid organisationId, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, organisationId, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("removeGovernanceModelParty")
                .WithSummary("Fjern en part fra en styringsmodel / Remove a party from a governance model")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match på modellen. " +
                                 "Afvises (409), så længe pladser i modellens organer repræsenterer organisationen." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match on the model. " +
                                 "Refused (409) while seats of the model's bodies represent the organisation.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

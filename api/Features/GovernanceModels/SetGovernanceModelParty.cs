using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>
/// Adds an organisation to a model as a party, or changes its role. Parties are part of the model: the change needs
/// the model's current version (If-Match) and gives it a new one.
/// </summary>
public static class SetGovernanceModelParty
{
    public sealed record Body(PartyRole Role);

    public sealed record Command(Guid Id, Guid OrganisationId, int ExpectedVersion, PartyRole Role) : IRequest<ListGovernanceModelParties.Response>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Role).IsInEnum();
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, IMediator mediator, ICurrentUser user) : IRequestHandler<Command, ListGovernanceModelParties.Response>
    {
        public async Task<ListGovernanceModelParties.Response> Handle(Command command, CancellationToken cancellationToken)
        {
            GovernanceModelsStore.Ensure(user, command.Id);
            var now = clock.GetUtcNow();
            await using (var connection = await db.OpenAsync(cancellationToken))
            await using (var transaction = await connection.BeginWriteAsync(cancellationToken))
            {
                await connection.EnsureExistsAsync("organisation", command.OrganisationId, "organisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
                await connection.BumpModelVersionAsync(command.Id, command.ExpectedVersion, now, transaction, cancellationToken);
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE governance_model_party SET role = @Role WHERE governance_model_id = @Id AND organisation_id = @OrganisationId",
                    new { command.Id, command.OrganisationId, Role = command.Role.Text() }, transaction, cancellationToken: cancellationToken));
                if (changed == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO governance_model_party (governance_model_id, organisation_id, role) VALUES (@Id, @OrganisationId, @Role)",
                        new { command.Id, command.OrganisationId, Role = command.Role.Text() }, transaction, cancellationToken: cancellationToken));
                }
                await transaction.CommitAsync(cancellationToken);
            }
            return await mediator.Send(new ListGovernanceModelParties.Query(command.Id, null), cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/governance-models/{id:guid}/parties/{organisationId:guid}", async (Guid id, Guid organisationId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var parties = await mediator.Send(new Command(id, organisationId, ETags.RequiredVersion(http), body.Role), http.RequestAborted);
                    ETags.Set(http, parties.ModelVersion);
                    return TypedResults.Ok(parties);
                })
                .WithName("setGovernanceModelParty")
                .WithSummary("Tilføj eller ret en part i en styringsmodel / Add or change a party of a governance model")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Tilføjer organisationen som " +
                                 "part eller ændrer dens rolle. Parterne er en del af modellen: ændringen kræver modellens nuværende version (If-Match) og giver den en ny." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Adds the organisation as a party " +
                                 "or changes its role. Parties are part of the model: the change needs the model's current version (If-Match) and gives it a new one.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

internal static class GovernanceModelVersion
{
    /// <summary>A change to a model's parts (its parties) is a change to the model: checks If-Match and moves the version on.</summary>
    public static async Task BumpModelVersionAsync(this System.Data.Common.DbConnection connection, Guid id, int expectedVersion, DateTimeOffset now,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE governance_model SET version = version + 1, modified_at = @Now WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL",
            new { Id = id, ExpectedVersion = expectedVersion, Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.EnsureChangedAsync(changed, "governance_model", "Governance model", id, transaction, cancellationToken);
    }
}

using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>Changes a payer's name, organisation or group members and note (its code and model stay); If-Match required.</summary>
public static class UpdatePayer
{
    public sealed record Body(string Name, Guid? OrganisationId, IReadOnlyList<Guid>? MemberOrganisationIds, string? Note);

    public sealed record Command(Guid Id, int ExpectedVersion, string Name, Guid? OrganisationId, IReadOnlyList<Guid>? MemberOrganisationIds, string? Note)
        : IRequest<ListPayers.PayerResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PayerRules<Command>(c => c.Name, c => c.OrganisationId, c => c.MemberOrganisationIds, c => c.Note));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, ListPayers.PayerResponse>
    {
        public async Task<ListPayers.PayerResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await PayersStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            GovernanceModelsStore.Ensure(user, current.GovernanceModelId);
            await PayersStore.EnsurePartiesAsync(connection, current.GovernanceModelId, command.OrganisationId, command.MemberOrganisationIds, transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE funding_payer SET name = @Name, organisation_id = @OrganisationId, note = @Note, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.Name, command.OrganisationId, command.Note, command.ExpectedVersion, Now = clock.GetUtcNow() }, transaction,
                cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "funding_payer", "Payer", command.Id, transaction, cancellationToken);
            await PayersStore.WriteMembersAsync(connection, command.Id, command.MemberOrganisationIds, transaction, cancellationToken);
            var updated = await PayersStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/financing/payers/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Name, body.OrganisationId, body.MemberOrganisationIds, body.Note),
                        http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updatePayer")
                .WithSummary("Ret en betaler / Change a payer")
                .WithDescription("Kræver budgets:write og If-Match. Ændrer navn og medlemmer; organisationerne skal være parter i modellen (ellers 422 med feltet). 412/428 ved forældet eller manglende If-Match." +
                                 "\n\nNeeds budgets:write and If-Match. Changes the name and members; the organisations must be parties of the model (else 422 naming the field). 412/428 for a stale or missing If-Match.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

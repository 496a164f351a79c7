using Klima.Api.Infrastructure.Localization;
using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>
/// Registers a payer of a partnership: one organisation, or a group of organisations paying jointly ("the municipalities
/// jointly"). Every organisation named must take part in the model (422 naming the field otherwise).
/// </summary>
public static class CreatePayer
{
    public sealed record Command(Guid GovernanceModelId, string Code, string Name, Guid? OrganisationId, IReadOnlyList<Guid>? MemberOrganisationIds, string? Note)
        : IRequest<ListPayers.PayerResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GovernanceModelId).NotEmpty();
            RuleFor(c => c.Code).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$").WithMessage(_ => Messages.Get("Code.Format"));
            Include(new PayerRules<Command>(c => c.Name, c => c.OrganisationId, c => c.MemberOrganisationIds, c => c.Note));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, ListPayers.PayerResponse>
    {
        public async Task<ListPayers.PayerResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            await PayersStore.EnsurePartiesAsync(connection, model, command.OrganisationId, command.MemberOrganisationIds, transaction, cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO funding_payer (id, governance_model_id, code, name, organisation_id, note, version, created_at, modified_at)
                    VALUES (@Id, @Model, @Code, @Name, @OrganisationId, @Note, 1, @Now, @Now)
                    """, new { Id = id, Model = model, command.Code, command.Name, command.OrganisationId, command.Note, Now = now }, transaction,
                    cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Payer.CodeTaken", command.Code);
            }
            await PayersStore.WriteMembersAsync(connection, id, command.MemberOrganisationIds, transaction, cancellationToken);
            var created = await PayersStore.GetAsync(connection, id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/payers", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/payers/{created.Id}", created);
                })
                .WithName("createPayer")
                .WithSummary("Opret en betaler / Create a payer")
                .WithDescription("Kræver budgets:write. En betaler er én organisation eller en gruppe, der betaler i fællesskab, i en styringsmodel; alle organisationer skal være parter i modellen (ellers 422 med feltet). 409 ved en kode, der findes." +
                                 "\n\nNeeds budgets:write. A payer is one organisation or a group paying jointly in a governance model; every organisation must be a party of the model (else 422 naming the field). 409 for an existing code.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

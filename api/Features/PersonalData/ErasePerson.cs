using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.PersonalData;

/// <summary>
/// Erasure: the person is pseudonymised (name replaced, contact details and notes removed) while memberships,
/// decisions and minutes that refer to them remain, as the archival records they are.
/// </summary>
public static class ErasePerson
{
    public sealed record Command(Guid PersonId) : IRequest<Unit>;

    public static string Pseudonym(Guid personId) => $"Anonymiseret person {personId.ToString("N")[..8]}";

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE person
                SET name = @Pseudonym, title = NULL, email = NULL, phone = NULL, notes = NULL,
                    pseudonymised_at = @Now, modified_at = @Now, version = version + 1
                WHERE id = @PersonId AND deleted_at IS NULL AND pseudonymised_at IS NULL
                """, new { command.PersonId, Pseudonym = Pseudonym(command.PersonId), Now = now }, transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                var state = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
                    "SELECT pseudonymised_at FROM person WHERE id = @PersonId AND deleted_at IS NULL", command, transaction, cancellationToken: cancellationToken));
                throw state is null ? new NotFoundException("Person", command.PersonId) : new ConflictException("Person.AlreadyPseudonymised");
            }
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/people/{id:guid}/erase", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("erasePerson")
                .WithSummary("Slet en persons persondata / Erase a person's personal data")
                .WithDescription("Kun for administratorer (admin). Personen pseudonymiseres (navn erstattes, kontaktoplysninger og noter fjernes), mens " +
                                 "medlemskaber, afgørelser og referater, der henviser til personen, bliver som arkivalier. 409 når personen allerede er slettet." +
                                 "\n\nAdministrators only (admin). The person is pseudonymised (name replaced, contact details and notes removed) while " +
                                 "memberships, decisions and minutes that refer to them remain as archival records. 409 when already erased.")
                .WithTags("PersonalData")
                .RequirePermission(Permissions.Administer)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

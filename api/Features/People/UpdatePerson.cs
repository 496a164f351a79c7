using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.People;

/// <summary>
/// Changes a person (If-Match). A caller who may not read personal data cannot see the stored contact details, so
/// it cannot change them either: for such callers email, phone and notes are left as they are.
/// </summary>
public static class UpdatePerson
{
    public sealed record Body(string Name, string? Title, Guid? OrganisationId, string? Email, string? Phone, string? Notes);

    public sealed record Command(Guid Id, int ExpectedVersion, Body Changes) : IRequest<PersonResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PersonRules<Command>(c => c.Changes.Name, c => c.Changes.Title, c => c.Changes.Email, c => c.Changes.Phone, c => c.Changes.Notes));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, PersonResponse>
    {
        public async Task<PersonResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var c = command.Changes;
            var personal = user.Has(Permissions.PersonalDataRead);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.EnsureExistsAsync("organisation", c.OrganisationId, "organisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
            var personalColumns = personal ? ", email = @Email, phone = @Phone, notes = @Notes" : "";
            var changed = await connection.ExecuteAsync(new CommandDefinition($"""
                UPDATE person
                SET name = @Name, title = @Title, organisation_id = @OrganisationId{personalColumns}, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, c.Name, c.Title, c.OrganisationId, c.Email, c.Phone, c.Notes, Now = now },
                transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "person", "Person", command.Id, transaction, cancellationToken);
            var updated = await connection.QuerySingleAsync<PersonResponse>(new CommandDefinition(
                $"{PeopleStore.Select} WHERE p.id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated.Guard(user);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/people/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updatePerson")
                .WithSummary("Ret en person / Update a person")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match. En kalder, " +
                                 "der ikke må læse persondata, kan hverken se eller ændre kontaktoplysninger: for den bliver e-mail, telefon og noter som de er." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match. A caller who may " +
                                 "not read personal data can neither see nor change contact details: for such callers email, phone and notes are left as they are.")
                .WithTags("People")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

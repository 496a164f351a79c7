using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.People;

/// <summary>Registers a person. Contact details and notes are stored only when the caller may handle personal data.</summary>
public static class CreatePerson
{
    public sealed record Command(string Name, string? Title, Guid? OrganisationId, string? Email, string? Phone, string? Notes) : IRequest<PersonResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new PersonRules<Command>(c => c.Name, c => c.Title, c => c.Email, c => c.Phone, c => c.Notes));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, PersonResponse>
    {
        public async Task<PersonResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var personal = user.Has(Permissions.PersonalDataRead);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.EnsureExistsAsync("organisation", command.OrganisationId, "organisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO person (id, name, title, organisation_id, email, phone, notes, version, created_at, modified_at)
                VALUES (@Id, @Name, @Title, @OrganisationId, @Email, @Phone, @Notes, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.Name, command.Title, command.OrganisationId,
                    Email = personal ? command.Email : null, Phone = personal ? command.Phone : null, Notes = personal ? command.Notes : null, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            var created = await connection.QuerySingleAsync<PersonResponse>(new CommandDefinition(
                $"{PeopleStore.Select} WHERE p.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return created.Guard(user);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/people", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/people/{created.Id}", created);
                })
                .WithName("createPerson")
                .WithSummary("Opret en person / Create a person")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Registrerer en person; " +
                                 "kontaktoplysninger og noter gemmes kun, når kalderen må håndtere persondata. 422 med feltnavn, når organisationen ikke findes." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Registers a person; contact " +
                                 "details and notes are stored only when the caller may handle personal data. 422 naming the field when the organisation does not exist.")
                .WithTags("People")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem();
    }
}

internal sealed class PersonRules<T> : AbstractValidator<T>
{
    public PersonRules(Func<T, string> name, Func<T, string?> title, Func<T, string?> email, Func<T, string?> phone, Func<T, string?> notes)
    {
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => title(x)).MaximumLength(200).OverridePropertyName("title");
        RuleFor(x => email(x)).MaximumLength(320).EmailAddress().When(x => !string.IsNullOrEmpty(email(x))).OverridePropertyName("email");
        RuleFor(x => phone(x)).MaximumLength(40).Matches(@"^\+?[0-9 ()-]{4,40}$").When(x => !string.IsNullOrEmpty(phone(x)))
            .WithMessage(_ => Messages.Get("Person.Phone")).OverridePropertyName("phone");
        RuleFor(x => notes(x)).MaximumLength(4000).OverridePropertyName("notes");
    }
}

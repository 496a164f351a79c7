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

namespace Klima.Api.Features.Staff;

/// <summary>Adds a staff position to a secretariat: employer, placement, daily manager and FTE share.</summary>
public static class CreateStaffPosition
{
    public sealed record Command(
        Guid BodyId, string Title, Guid EmployerOrganisationId, Guid? PlacementBodyId, Guid? DailyManagerBodyId, string? DailyManagerRole, decimal Fte,
        Guid? HolderPersonId, DateOnly? ValidFrom, DateOnly? ValidTo, string? Note) : IRequest<StaffPositionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BodyId).NotEmpty();
            Include(new StaffPositionRules<Command>(c => c.Title, c => c.EmployerOrganisationId, c => c.DailyManagerRole, c => c.Fte, c => c.ValidFrom, c => c.ValidTo, c => c.Note));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, StaffPositionResponse>
    {
        public async Task<StaffPositionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, command.BodyId, transaction, cancellationToken);
            await connection.EnsureExistsAsync("body", command.BodyId, "bodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
            await StaffStore.EnsureReferencesAsync(connection, command.EmployerOrganisationId, command.PlacementBodyId, command.DailyManagerBodyId,
                command.HolderPersonId, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO staff_position (id, body_id, title, employer_organisation_id, placement_body_id, daily_manager_body_id, daily_manager_role,
                    fte_hundredths, holder_person_id, valid_from, valid_to, note, version, created_at, modified_at)
                VALUES (@Id, @BodyId, @Title, @EmployerOrganisationId, @PlacementBodyId, @DailyManagerBodyId, @DailyManagerRole,
                    @FteHundredths, @HolderPersonId, @ValidFrom, @ValidTo, @Note, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.BodyId, command.Title, command.EmployerOrganisationId, command.PlacementBodyId, command.DailyManagerBodyId,
                    command.DailyManagerRole, FteHundredths = StaffStore.Hundredths(command.Fte), command.HolderPersonId, command.ValidFrom,
                    command.ValidTo, command.Note, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            var created = await connection.ReadStaffPositionAsync(id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/staff-positions", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/staff-positions/{created.Id}", created);
                })
                .WithName("createStaffPosition")
                .WithSummary("Opret en stilling i et sekretariat / Create a secretariat staff position")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Ansættende organisation, " +
                                 "placering, daglig leder og årsværksandel. 422 med feltnavn for en henvisning, der ikke findes." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Employer, placement, daily " +
                                 "manager and FTE share. 422 naming the field for a reference that does not exist.")
                .WithTags("Staff")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem();
    }
}

internal sealed class StaffPositionRules<T> : AbstractValidator<T>
{
    public StaffPositionRules(Func<T, string> title, Func<T, Guid> employer, Func<T, string?> dailyManagerRole, Func<T, decimal> fte,
        Func<T, DateOnly?> validFrom, Func<T, DateOnly?> validTo, Func<T, string?> note)
    {
        RuleFor(x => title(x)).NotEmpty().MaximumLength(200).OverridePropertyName("title");
        RuleFor(x => employer(x)).NotEmpty().OverridePropertyName("employerOrganisationId");
        RuleFor(x => dailyManagerRole(x)).MaximumLength(200).OverridePropertyName("dailyManagerRole");
        RuleFor(x => fte(x)).GreaterThan(0m).LessThanOrEqualTo(1m)
            .Must(f => decimal.Round(f, 2) == f).WithMessage(_ => Messages.Get("Staff.FteShare")).OverridePropertyName("fte");
        RuleFor(x => validTo(x)).GreaterThan(x => validFrom(x)).When(x => validFrom(x) is not null && validTo(x) is not null)
            .WithMessage(_ => Messages.Get("Staff.PeriodOrder")).OverridePropertyName("validTo");
        RuleFor(x => note(x)).MaximumLength(1000).OverridePropertyName("note");
    }
}

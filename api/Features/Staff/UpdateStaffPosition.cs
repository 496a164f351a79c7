using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Staff;

/// <summary>Changes a staff position (If-Match): employer, placement, daily manager, FTE share, holder, period.</summary>
public static class UpdateStaffPosition
{
    public sealed record Body(
        string Title, Guid EmployerOrganisationId, Guid? PlacementBodyId, Guid? DailyManagerBodyId, string? DailyManagerRole, decimal Fte,
        Guid? HolderPersonId, DateOnly? ValidFrom, DateOnly? ValidTo, string? Note);

    public sealed record Command(Guid Id, int ExpectedVersion, Body Changes) : IRequest<StaffPositionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new StaffPositionRules<Command>(c => c.Changes.Title, c => c.Changes.EmployerOrganisationId, c => c.Changes.DailyManagerRole,
            c => c.Changes.Fte, c => c.Changes.ValidFrom, c => c.Changes.ValidTo, c => c.Changes.Note));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, StaffPositionResponse>
    {
        public async Task<StaffPositionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var c = command.Changes;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await StaffStore.EnsureWritableAsync(connection, user, command.Id, transaction, cancellationToken);
            await StaffStore.EnsureReferencesAsync(connection, c.EmployerOrganisationId, c.PlacementBodyId, c.DailyManagerBodyId, c.HolderPersonId,
                transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE staff_position
                SET title = @Title, employer_organisation_id = @EmployerOrganisationId, placement_body_id = @PlacementBodyId,
                    daily_manager_body_id = @DailyManagerBodyId, daily_manager_role = @DailyManagerRole, fte_hundredths = @FteHundredths,
                    holder_person_id = @HolderPersonId, valid_from = @ValidFrom, valid_to = @ValidTo, note = @Note, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new
                {
                    command.Id, command.ExpectedVersion, c.Title, c.EmployerOrganisationId, c.PlacementBodyId, c.DailyManagerBodyId, c.DailyManagerRole,
                    FteHundredths = StaffStore.Hundredths(c.Fte), c.HolderPersonId, c.ValidFrom, c.ValidTo, c.Note, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "staff_position", "Staff position", command.Id, transaction, cancellationToken);
            var updated = await connection.ReadStaffPositionAsync(command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/staff-positions/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateStaffPosition")
                .WithSummary("Ret en stilling / Update a staff position")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Ansættende organisation, " +
                                 "placering, daglig leder, årsværksandel, indehaver og periode. Kræver If-Match." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Employer, placement, daily " +
                                 "manager, FTE share, holder and period. Needs If-Match.")
                .WithTags("Staff")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

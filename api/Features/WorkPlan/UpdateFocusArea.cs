using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Changes a focus area; the caller must hold its current version (If-Match).</summary>
public static class UpdateFocusArea
{
    public sealed record Body(string Code, string Name, string? NameEn, string? Description, int Ordinal);

    public sealed record Command(Guid Id, int ExpectedVersion, string Code, string Name, string? NameEn, string? Description, int Ordinal)
        : IRequest<FocusAreaResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new FocusAreaRules<Command>(c => c.Code, c => c.Name, c => c.NameEn, c => c.Description));
            RuleFor(c => c.Ordinal).ValidOrdinal();
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, FocusAreaResponse>
    {
        public async Task<FocusAreaResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_focus_area", command.Id, transaction, cancellationToken);
            int changed;
            try
            {
                changed = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE work_focus_area
                    SET code = @Code, name = @Name, name_en = @NameEn, description = @Description, ordinal = @Ordinal,
                        version = version + 1, modified_at = @Now
                    WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                    """, new { command.Id, command.ExpectedVersion, command.Code, command.Name, command.NameEn, command.Description, command.Ordinal, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("WorkPlan.FocusAreaCodeTaken", command.Code);
            }
            await connection.EnsureChangedAsync(changed, "work_focus_area", "Focus area", command.Id, transaction, cancellationToken);
            var updated = await connection.QuerySingleAsync<FocusAreaResponse>(new CommandDefinition(
                $"SELECT {WorkPlanStore.FocusAreaColumns} FROM work_focus_area WHERE id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/work-plan/focus-areas/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Code, body.Name, body.NameEn, body.Description, body.Ordinal), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateFocusArea")
                .WithSummary("Ret et indsatsområde / Update a focus area")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match med den " +
                                 "nuværende version; 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match with the current " +
                                 "version; 409 for a code already in use.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

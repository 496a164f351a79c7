using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Ends a membership on a date with a reason (resignation, death, new term...). Only the end is set: the row keeps its
/// history, and a membership can be ended only once and never later than it was planned to end.
/// </summary>
public static class EndMembership
{
    public sealed record Body(DateOnly ValidTo, string Reason);

    public sealed record Command(Guid Id, int ExpectedVersion, DateOnly ValidTo, string Reason) : IRequest<MembershipResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ValidTo).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(400);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, MembershipResponse>
    {
        public async Task<MembershipResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await connection.QuerySingleOrDefaultAsync<MembershipResponse>(new CommandDefinition(
                              $"{MembershipSql.Select} WHERE m.id = @Id AND m.deleted_at IS NULL", new { command.Id }, transaction, cancellationToken: cancellationToken))
                          ?? throw new NotFoundException("Membership", command.Id);
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Membership", command.Id);
            }
            if (current.EndReason is not null)
            {
                throw new ConflictException($"The membership was already ended on {current.ValidTo:yyyy-MM-dd} ({current.EndReason}).");
            }
            if (command.ValidTo <= current.ValidFrom)
            {
                throw new ValidationException([new ValidationFailure("validTo", $"The membership started on {current.ValidFrom:yyyy-MM-dd}; it must end after that.")]);
            }
            if (current.ValidTo is { } planned && command.ValidTo > planned)
            {
                throw new ValidationException([new ValidationFailure("validTo", $"The membership already ends on {planned:yyyy-MM-dd}; it can only end earlier. Appoint anew to extend it.")]);
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE membership SET valid_to = @ValidTo, end_reason = @Reason, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, command.ValidTo, command.Reason, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "membership", "Membership", command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return current with { ValidTo = command.ValidTo, EndReason = command.Reason, Version = current.Version + 1, ModifiedAt = now };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/memberships/{id:guid}/end", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var ended = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.ValidTo, body.Reason), http.RequestAborted);
                    ETags.Set(http, ended.Version);
                    return TypedResults.Ok(ended);
                })
                .WithName("endMembership")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

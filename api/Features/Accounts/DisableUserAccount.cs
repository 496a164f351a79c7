using Dapper;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Accounts;

/// <summary>
/// Administrators disable a staff account (it can no longer sign in, and its open sessions end at once) or enable it
/// again. An administrator cannot disable their own account.
/// </summary>
public static class SetUserAccountDisabled
{
    public sealed record Command(Guid Id, bool Disabled) : IRequest<UserAccountResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user, UserSessions sessions) : IRequestHandler<Command, UserAccountResponse>
    {
        private const string Select = "SELECT id, username, display_name, role, organisation_id, governance_model_scope, disabled_at, version FROM user_account WHERE id = @Id AND deleted_at IS NULL";

        public async Task<UserAccountResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var account = await connection.QuerySingleOrDefaultAsync<UserAccountResponse>(new CommandDefinition(Select, new { command.Id }, transaction, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("User account", command.Id);
            if (command.Disabled && string.Equals(account.Username, user.Name, StringComparison.Ordinal))
            {
                throw new RuleViolationException("account.notSelf", new Text("Account.NotSelf"), "id");
            }
            // Already in the wanted state: nothing changes (no version bump, no audit entry).
            if ((account.DisabledAt is not null) != command.Disabled)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE user_account SET disabled_at = @DisabledAt, version = version + 1, modified_at = @Now WHERE id = @Id",
                    new { command.Id, DisabledAt = command.Disabled ? now : (DateTimeOffset?)null, Now = now }, transaction, cancellationToken: cancellationToken));
            }
            if (command.Disabled)
            {
                await sessions.RevokeAllAsync(connection, transaction, command.Id, "account disabled", cancellationToken);
            }
            var updated = await connection.QuerySingleAsync<UserAccountResponse>(new CommandDefinition(Select, new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/api/users/{id:guid}/disable", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var account = await mediator.Send(new Command(id, true), http.RequestAborted);
                    ETags.Set(http, account.Version);
                    return TypedResults.Ok(account);
                })
                .WithName("disableUserAccount")
                .WithSummary("Deaktivér en brugerkonto / Disable a user account")
                .WithDescription("Kun for administratorer (admin). Kontoen kan ikke længere logge ind, og dens åbne sessioner slutter straks. En " +
                                 "administrator kan ikke deaktivere sin egen konto (422)." +
                                 "\n\nAdministrators only (admin). The account can no longer sign in and its open sessions end at once. An administrator " +
                                 "cannot disable their own account (422).")
                .WithTags("Accounts")
                .RequirePermission(Permissions.Administer)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
            app.MapPost("/api/users/{id:guid}/enable", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var account = await mediator.Send(new Command(id, false), http.RequestAborted);
                    ETags.Set(http, account.Version);
                    return TypedResults.Ok(account);
                })
                .WithName("enableUserAccount")
                .WithSummary("Aktivér en brugerkonto igen / Enable a user account again")
                .WithDescription("Kun for administratorer (admin). Giver en deaktiveret konto lov til at logge ind igen. 404 for en ukendt konto." +
                                 "\n\nAdministrators only (admin). Lets a disabled account sign in again. 404 for an unknown account.")
                .WithTags("Accounts")
                .RequirePermission(Permissions.Administer)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
    }
}

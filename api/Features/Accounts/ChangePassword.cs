using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Klima.Api.Features.Accounts;

/// <summary>
/// A signed-in staff member changes their own password (the current one is required). Every session of the account
/// ends, this browser's included; the browser gets a new session in the answer.
/// </summary>
public static class ChangePassword
{
    public sealed record Body(string CurrentPassword, string NewPassword);

    public sealed record Command(string Username, string CurrentPassword, string NewPassword) : IRequest<Login.Account>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NewPassword).NotEmpty().MinimumLength(12).WithMessage(_ => Messages.Get("Account.AtLeast12")).MaximumLength(200)
                .NotEqual(c => c.CurrentPassword).WithMessage(_ => Messages.Get("Account.NewPasswordDiffers"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, IPasswordHasher<Login.Account> hasher, UserSessions sessions)
        : IRequestHandler<Command, Login.Account>
    {
        public async Task<Login.Account> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var account = await connection.QuerySingleOrDefaultAsync<Login.Account>(new CommandDefinition("""
                SELECT id, username, display_name, role, organisation_id, governance_model_scope, password_hash, disabled_at
                FROM user_account WHERE username = @Username AND deleted_at IS NULL AND disabled_at IS NULL
                """, new { command.Username }, transaction, cancellationToken: cancellationToken))
                ?? throw new UnauthorizedException("Account.LocalSignInRequired");
            if (hasher.VerifyHashedPassword(account, account.PasswordHash, command.CurrentPassword) == PasswordVerificationResult.Failed)
            {
                throw new WrongCurrentPasswordException();
            }
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE user_account SET password_hash = @Hash, version = version + 1, modified_at = @Now WHERE id = @Id",
                new { account.Id, Hash = hasher.HashPassword(account, command.NewPassword), Now = now }, transaction, cancellationToken: cancellationToken));
            await sessions.RevokeAllAsync(connection, transaction, account.Id, "password changed", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return account;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/password", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
                    Body body, IMediator mediator, IAntiforgery antiforgery, LoginThrottle throttle, UserSessions sessions,
                    IConfiguration configuration, ILoggerFactory loggers, HttpContext http) =>
                {
                    // Only a browser signed in with a local account has a password to change (not API keys or bearer tokens).
                    if (UserSessions.SessionOf(http.User) is null || http.User.Identity?.Name is not { } username)
                    {
                        throw new UnauthorizedException("Account.LocalSignInRequired");
                    }
                    // Guessing the current password through this endpoint is throttled like sign-in.
                    if (!string.IsNullOrEmpty(body.CurrentPassword) && await throttle.BeginAttemptAsync(username, http.RequestAborted) is { } wait)
                    {
                        return Login.TooManyAttempts(http, wait);
                    }
                    var account = await mediator.Send(new Command(username, body.CurrentPassword, body.NewPassword), http.RequestAborted);
                    await throttle.SucceededAsync(username, http.RequestAborted);
                    FirstAdministrator.ForgetBootstrapPassword(configuration, account.Username, loggers.CreateLogger("Klima.FirstAdministrator"));
                    var sessionId = await sessions.StartAsync(account.Id, http.RequestAborted);
                    var principal = AccountClaims.Principal(account.Username, account.DisplayName, account.Role, account.OrganisationId, AuthSetup.CookieScheme, sessionId, account.GovernanceModelScope);
                    await http.SignInAsync(AuthSetup.CookieScheme, principal);
                    http.User = principal;
                    return TypedResults.Ok(AccountClaims.Session(principal, antiforgery.GetAndStoreTokens(http).RequestToken));
                })
                .WithName("changePassword")
                .WithSummary("Skift egen adgangskode / Change own password")
                .WithDescription("Kræver login med en lokal konto (enhver rolle). For en browser logget ind med en lokal konto (send CSRF-token); den " +
                                 "nuværende adgangskode kræves. Alle kontoens sessioner afsluttes, og svaret bærer den nye session og dens CSRF-token. 401 uden login." +
                                 "\n\nNeeds a signed-in local account (any role). For a browser signed in with a local account (send the CSRF token); the " +
                                 "current password is required. Ends every session of the account; the answer carries the new session and its CSRF token. 401 when not signed in.")
                .WithTags("Accounts")
                // Open to any signed-in local account whatever its role; the endpoint itself refuses everyone else with 401.
                .PublicRead()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}

internal sealed class WrongCurrentPasswordException : ProblemException
{
    public WrongCurrentPasswordException() : base(new Text("Account.WrongCurrentPassword"), new Text("Account.WrongCurrentPassword.Detail")) =>
        FieldErrors["currentPassword"] = [new Text("Account.WrongCurrentPassword.Detail")];

    public override int Status => StatusCodes.Status422UnprocessableEntity;
}

using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Klima.Api.Features.Accounts;

/// <summary>Signs a staff member in with a local account; the browser gets an HTTP-only session cookie.</summary>
public static class Login
{
    public sealed record Command(string Username, string Password) : IRequest<Account>;

    public sealed record Account
    {
        public required Guid Id { get; init; }
        public required string Username { get; init; }
        public required string DisplayName { get; init; }
        public required string Role { get; init; }
        public Guid? OrganisationId { get; init; }
        public required string PasswordHash { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Username).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Password).NotEmpty().MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, IPasswordHasher<Account> hasher) : IRequestHandler<Command, Account>
    {
        public async Task<Account> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var account = await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition("""
                SELECT id, username, display_name, role, organisation_id, password_hash, disabled_at
                FROM user_account WHERE username = @Username AND deleted_at IS NULL
                """, new { command.Username }, cancellationToken: cancellationToken));
            // Same answer for an unknown user, a wrong password and a disabled account: nothing to enumerate.
            if (account is null || account.DisabledAt is not null ||
                hasher.VerifyHashedPassword(account, account.PasswordHash, command.Password) == PasswordVerificationResult.Failed)
            {
                throw new UnauthorizedException("The username or password is wrong.");
            }
            return account;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/login", async (Command command, IMediator mediator, IAntiforgery antiforgery, HttpContext http) =>
                {
                    var account = await mediator.Send(command, http.RequestAborted);
                    var principal = AccountClaims.Principal(account.Username, account.DisplayName, account.Role, account.OrganisationId, AuthSetup.CookieScheme);
                    await http.SignInAsync(AuthSetup.CookieScheme, principal);
                    // The CSRF token is bound to the signed-in user, so it is made after sign-in.
                    http.User = principal;
                    var tokens = antiforgery.GetAndStoreTokens(http);
                    return TypedResults.Ok(AccountClaims.Session(principal, tokens.RequestToken));
                })
                .WithName("login")
                .WithTags("Accounts")
                .PublicRead()
                .RequireRateLimiting(RateLimits.Login)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}

internal sealed class UnauthorizedException(string detail) : ProblemException("Unauthorized", detail)
{
    public override int Status => StatusCodes.Status401Unauthorized;
}

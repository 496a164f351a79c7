using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
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
        public string? GovernanceModelScope { get; init; }
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

    internal sealed class Handler(IDbConnectionFactory db, IPasswordHasher<Account> hasher, DummyPasswordHash dummy) : IRequestHandler<Command, Account>
    {
        public async Task<Account> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var account = await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition("""
                SELECT id, username, display_name, role, organisation_id, governance_model_scope, password_hash, disabled_at
                FROM user_account WHERE username = @Username AND deleted_at IS NULL
                """, new { command.Username }, cancellationToken: cancellationToken));
            // The same work for an unknown user, a disabled account and a wrong password (one hash verification each),
            // and the same answer: neither the timing nor the text tells which usernames exist.
            var result = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? dummy.Hash, command.Password);
            if (account is null || result == PasswordVerificationResult.Failed || account.DisabledAt is not null)
            {
                throw new UnauthorizedException("Account.WrongCredentials");
            }
            return account;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/login", async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> (
                    Command command, IMediator mediator, IAntiforgery antiforgery, LoginThrottle throttle, UserSessions sessions, HttpContext http) =>
                {
                    var username = command.Username ?? "";
                    // Counted before the password is checked (and forgotten on success), so guesses in flight at once count too.
                    if (!string.IsNullOrEmpty(command.Password) && await throttle.BeginAttemptAsync(username, http.RequestAborted) is { } wait)
                    {
                        return TooManyAttempts(http, wait);
                    }
                    var account = await mediator.Send(command, http.RequestAborted);
                    await throttle.SucceededAsync(username, http.RequestAborted);
                    var sessionId = await sessions.StartAsync(account.Id, http.RequestAborted);
                    var principal = AccountClaims.Principal(account.Username, account.DisplayName, account.Role, account.OrganisationId, AuthSetup.CookieScheme, sessionId, account.GovernanceModelScope);
                    await http.SignInAsync(AuthSetup.CookieScheme, principal);
                    // The CSRF token is bound to the signed-in user, so it is made after sign-in.
                    http.User = principal;
                    var tokens = antiforgery.GetAndStoreTokens(http);
                    return TypedResults.Ok(AccountClaims.Session(principal, tokens.RequestToken));
                })
                .WithName("login")
                .WithSummary("Log ind med en lokal konto / Sign in with a local account")
                .WithDescription("Åben for alle, også uden login. Giver browseren en HTTP-only session-cookie og et CSRF-token. Forkerte adgangskoder " +
                                 "begrænses pr. klientadresse og pr. brugernavn: efter nogle fejl afvises de næste forsøg med 429 og Retry-After, og " +
                                 "ventetiden fordobles for hver fejl." +
                                 "\n\nOpen to anyone, also without signing in. Gives the browser an HTTP-only session cookie and a CSRF token. Wrong passwords " +
                                 "are limited per client address and per username: after a few failures the next attempts are refused with 429 and " +
                                 "Retry-After, for a delay that doubles with each failure.")
                .WithTags("Accounts")
                .PublicRead()
                .RequireRateLimiting(RateLimits.Login)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status401Unauthorized)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>429 with the wait in Retry-After (whole seconds, rounded up), for a username in back-off.</summary>
    internal static ProblemHttpResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts",
            detail: $"Too many wrong passwords for this username: try again in {seconds} seconds.",
            type: "https://klima.dk/problems/too-many-attempts");
    }
}

/// <summary>
/// A hash of a random password made with the real hasher (same algorithm and iteration count), verified against when
/// the username is unknown so that an unknown user costs the same time as a known one.
/// </summary>
internal sealed class DummyPasswordHash(IPasswordHasher<Login.Account> hasher)
{
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(null!, System.Security.Cryptography.RandomNumberGenerator.GetHexString(32)));

    public string Hash => _hash.Value;
}

internal sealed class UnauthorizedException(Text detail) : ProblemException(new Text("Status.401"), detail)
{
    public UnauthorizedException(string key, params object?[] args) : this(new Text(key, args))
    {
    }

    public override int Status => StatusCodes.Status401Unauthorized;
}

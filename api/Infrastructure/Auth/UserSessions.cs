using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// Server-side browser sessions. The session cookie carries the id of a <c>user_session</c> row, and every request
/// checks that row: a session ends at once when it is revoked (logout, password change, account disabled), when its
/// account is disabled or deleted, or after <see cref="IdleTimeout"/> without use, whatever the cookie says.
/// </summary>
internal sealed class UserSessions(IDbConnectionFactory db, TimeProvider clock, ILogger<UserSessions> logger)
{
    public const string ClaimType = "klima:session";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>last_seen_at is written at most this often, so a busy browser does not write on every read.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private sealed class State
    {
        public DateTimeOffset LastSeenAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public DateTimeOffset? DisabledAt { get; init; }
        public DateTimeOffset? DeletedAt { get; init; }
    }

    /// <summary>Starts a session for the account; also forgets the account's ended sessions.</summary>
    public async Task<Guid> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_session WHERE user_id = @UserId AND (revoked_at IS NOT NULL OR last_seen_at < @IdleSince)",
            new { UserId = userId, IdleSince = now - IdleTimeout }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_session (id, user_id, created_at, last_seen_at) VALUES (@Id, @UserId, @Now, @Now)",
            new { Id = id, UserId = userId, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>True while the session may be used; marks it seen.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var state = await connection.QuerySingleOrDefaultAsync<State>(new CommandDefinition("""
            SELECT s.last_seen_at, s.revoked_at, u.disabled_at, u.deleted_at
            FROM user_session s JOIN user_account u ON u.id = s.user_id
            WHERE s.id = @Id
            """, new { Id = sessionId }, cancellationToken: cancellationToken));
        if (state is null || state.RevokedAt is not null || state.DisabledAt is not null || state.DeletedAt is not null || now - state.LastSeenAt > IdleTimeout)
        {
            return false;
        }
        if (now - state.LastSeenAt > TouchInterval)
        {
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("UPDATE user_session SET last_seen_at = @Now WHERE id = @Id AND revoked_at IS NULL",
                new { Id = sessionId, Now = now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        return true;
    }

    public async Task RevokeAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE user_session SET revoked_at = @Now, revoked_reason = @Reason WHERE id = @Id AND revoked_at IS NULL",
            new { Id = sessionId, Now = clock.GetUtcNow(), Reason = reason }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Ends every open session of an account, inside the caller's transaction.</summary>
    public async Task<int> RevokeAllAsync(DbConnection connection, DbTransaction transaction, Guid userId, string reason, CancellationToken cancellationToken)
    {
        var revoked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE user_session SET revoked_at = @Now, revoked_reason = @Reason WHERE user_id = @UserId AND revoked_at IS NULL",
            new { UserId = userId, Now = clock.GetUtcNow(), Reason = reason }, transaction, cancellationToken: cancellationToken));
        logger.LogInformation("Ended {Count} session(s) of account {UserId}: {Reason}.", revoked, userId, reason);
        return revoked;
    }

    /// <summary>The session id of a signed-in browser, if any.</summary>
    public static Guid? SessionOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(ClaimType)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>Cookie validation: a cookie whose session is not active is rejected and cleared.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (context.Principal is not { } principal || SessionOf(principal) is not { } id ||
            !await sessions.IsActiveAsync(id, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

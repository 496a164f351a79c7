using Dapper;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>Bound from <c>Auth:LoginThrottle</c>.</summary>
internal sealed class LoginThrottleOptions
{
    /// <summary>Wrong passwords for one username allowed before the back-off starts.</summary>
    public int FreeAttempts { get; set; } = 5;
    /// <summary>The first wait after the free attempts; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Per-account back-off for sign-in, on top of the per-address limit: after <see cref="LoginThrottleOptions.FreeAttempts"/>
/// wrong passwords for one username, further attempts for it are refused (429 with Retry-After) for a delay that
/// doubles with each failure. Kept in the database (<c>login_throttle</c>), so every instance sees the same count.
/// Keyed on the username as typed (trimmed, case-insensitive), whether or not an account has it: an unknown username
/// takes the same statements and answers as a known one.
/// <para>
/// An attempt is counted before its password is checked and forgotten when it succeeds, so parallel guesses sent to
/// several instances at once are all counted (counting only after a failure let every guess already in flight through).
/// The count is written with compare-and-set on the previous count, which holds on SQL Server without locks.
/// </para>
/// </summary>
internal sealed class LoginThrottle(IDbConnectionFactory db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LoginThrottleOptions> options)
{
    /// <summary>The longest username key kept (the column's width; the validators allow no longer usernames).</summary>
    public const int MaxKeyLength = 100;

    private sealed class Row
    {
        public int Attempts { get; init; }
        public DateTimeOffset LastAttemptAt { get; init; }
        public DateTimeOffset BlockedUntil { get; init; }
    }

    /// <summary>
    /// Counts an attempt for <paramref name="username"/>: null when it may go ahead (the password is then checked), or how
    /// long it must wait (nothing is counted then).
    /// </summary>
    public async Task<TimeSpan?> BeginAttemptAsync(string username, CancellationToken cancellationToken)
    {
        var key = Key(username);
        if (key.Length is 0 or > MaxKeyLength)
        {
            return null; // refused by the validators before any password is checked
        }
        var settings = options.Value;
        await using var connection = await db.OpenAsync(cancellationToken);
        for (var round = 0; ; round++)
        {
            var now = clock.GetUtcNow();
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                "SELECT attempts, last_attempt_at, blocked_until FROM login_throttle WHERE username_key = @Key",
                new { Key = key }, transaction, cancellationToken: cancellationToken));
            if (row is not null && row.BlockedUntil > now)
            {
                return row.BlockedUntil - now;
            }
            // A username left alone for twice the longest wait starts again from zero.
            var previous = row is null || now - row.LastAttemptAt > settings.MaxDelay + settings.MaxDelay ? 0 : row.Attempts;
            var attempts = previous + 1;
            var parameters = new { Key = key, Attempts = attempts, Previous = row?.Attempts ?? 0, Now = now, BlockedUntil = now + Delay(attempts, settings), Stale = now - settings.MaxDelay - settings.MaxDelay };
            try
            {
                var written = row is null
                    ? await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO login_throttle (username_key, attempts, last_attempt_at, blocked_until)
                        VALUES (@Key, @Attempts, @Now, @BlockedUntil)
                        """, parameters, transaction, cancellationToken: cancellationToken))
                    : await connection.ExecuteAsync(new CommandDefinition("""
                        UPDATE login_throttle SET attempts = @Attempts, last_attempt_at = @Now, blocked_until = @BlockedUntil
                        WHERE username_key = @Key AND attempts = @Previous
                        """, parameters, transaction, cancellationToken: cancellationToken));
                if (written == 1)
                {
                    // Usernames nobody tried for a long while (mostly guessed ones) are forgotten, so the table stays small.
                    await connection.ExecuteAsync(new CommandDefinition(
                        "DELETE FROM login_throttle WHERE last_attempt_at < @Stale AND blocked_until < @Now",
                        parameters, transaction, cancellationToken: cancellationToken));
                    await transaction.CommitAsync(cancellationToken);
                    return null;
                }
            }
            catch (System.Data.Common.DbException exception) when (db.Dialect.IsUniqueViolation(exception) && round < 5)
            {
                // Another instance counted the first attempt for this username at the same moment: read again.
            }
            await transaction.RollbackAsync(cancellationToken);
            if (round >= 5)
            {
                throw new InvalidOperationException("The sign-in attempt could not be counted: too much contention on one username.");
            }
        }
    }

    /// <summary>A successful sign-in (or password check) clears the username's count.</summary>
    public async Task SucceededAsync(string username, CancellationToken cancellationToken)
    {
        var key = Key(username);
        if (key.Length is 0 or > MaxKeyLength)
        {
            return;
        }
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM login_throttle WHERE username_key = @Key",
            new { Key = key }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th attempt: none within the free attempts, then doubling.</summary>
    internal static TimeSpan Delay(int attempts, LoginThrottleOptions settings)
    {
        var over = attempts - settings.FreeAttempts;
        return over < 0
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(settings.BaseDelay.Ticks * Math.Pow(2, Math.Min(over, 30)), settings.MaxDelay.Ticks));
    }

    private static string Key(string username) => username.Trim().ToLowerInvariant();
}

using System.Collections.Concurrent;

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
/// doubles with each failure. Keyed on the username as typed (case-insensitive), whether or not the account exists,
/// so the answers do not tell known usernames from unknown ones. A success clears the count. In memory, per instance:
/// with several instances the effective number of free attempts multiplies by their count (see docs/SECURITY.md).
/// </summary>
internal sealed class LoginThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<LoginThrottleOptions> options)
{
    private const int MaxTracked = 100_000;

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the username must wait before its next attempt is checked; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string username)
    {
        var now = clock.GetUtcNow();
        return _entries.TryGetValue(Key(username), out var entry) && entry.BlockedUntil > now ? entry.BlockedUntil - now : null;
    }

    public void Failed(string username)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        if (_entries.Count > MaxTracked)
        {
            Prune(now, settings);
        }
        _entries.AddOrUpdate(Key(username),
            _ => Next(0, now, settings),
            (_, previous) => Next(now - previous.LastFailure > settings.MaxDelay + settings.MaxDelay ? 0 : previous.Failures, now, settings));
    }

    public void Succeeded(string username) => _entries.TryRemove(Key(username), out _);

    private static Entry Next(int failures, DateTimeOffset now, LoginThrottleOptions settings)
    {
        var count = failures + 1;
        var over = count - settings.FreeAttempts;
        if (over < 0)
        {
            return new Entry(count, now, now);
        }
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.BaseDelay.Ticks * Math.Pow(2, Math.Min(over, 30)), settings.MaxDelay.Ticks));
        return new Entry(count, now, now + delay);
    }

    private void Prune(DateTimeOffset now, LoginThrottleOptions settings)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.BlockedUntil <= now && now - entry.LastFailure > settings.MaxDelay)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string username) => username.Trim();
}

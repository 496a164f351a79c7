using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// API keys for case systems and integrators: <c>klima_&lt;prefix&gt;_&lt;secret&gt;</c>. The prefix finds the key;
/// only a SHA-256 of the high-entropy secret is stored and compared in constant time.
/// </summary>
internal static class ApiKeyFormat
{
    public static (string Key, string Prefix, string SecretHash) Generate()
    {
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return ($"klima_{prefix}_{secret}", prefix, Hash(secret));
    }

    public static bool TryParse(string key, out string prefix, out string secret)
    {
        prefix = secret = "";
        var parts = key.Split('_', 3);
        if (parts.Length != 3 || parts[0] != "klima" || parts[1].Length != 12 || parts[2].Length < 20)
        {
            return false;
        }
        (prefix, secret) = (parts[1], parts[2]);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}

internal sealed record ApiKeyRecord
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public required string Scopes { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? GovernanceModelScope { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbConnectionFactory db, IMemoryCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string CacheKey(string prefix) => "api-key:" + prefix;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var key = header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : Request.Headers["X-Api-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }
        if (!ApiKeyFormat.TryParse(key, out var prefix, out var secret))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }
        // Keys are looked up by prefix and cached briefly; revocation evicts the entry at once.
        var record = await cache.GetOrCreateAsync(CacheKey(prefix), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            // The memory cache has a size limit in bytes (the read models'); a key's record is well under a kilobyte.
            entry.Size = 1024;
            await using var connection = await db.OpenAsync(Context.RequestAborted);
            return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
                "SELECT id, name, secret_hash, scopes, organisation_id, governance_model_scope, expires_at, revoked_at FROM api_key WHERE prefix = @Prefix AND deleted_at IS NULL",
                new { Prefix = prefix }, cancellationToken: Context.RequestAborted));
        });
        if (record is null || !ApiKeyFormat.Matches(secret, record.SecretHash))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }
        if (record.RevokedAt is not null || record.ExpiresAt <= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("The API key was revoked or has expired.");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, "api-key:" + record.Name), new("klima:api-key", record.Id.ToString()) };
        claims.AddRange(record.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(Permissions.ClaimType, s)));
        if (record.OrganisationId is not null)
        {
            claims.Add(new Claim(Permissions.OrganisationClaimType, record.OrganisationId.Value.ToString()));
        }
        claims.AddRange(Auth.GovernanceModelScope.Claims(record.GovernanceModelScope));
        // The claims come from the cached record alone: the read-model cache's caller key is hashed once per record.
        var identity = Caching.CallerKeys.Identity(claims, Scheme.Name, Caching.CallerKeys.ForRecord(record, claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}

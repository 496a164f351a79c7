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
        if (!TryParse(key.AsSpan(), out ReadOnlySpan<char> prefixSpan, out ReadOnlySpan<char> secretSpan))
        {
            return false;
        }
        (prefix, secret) = (prefixSpan.ToString(), secretSpan.ToString());
        return true;
    }

    /// <summary>
    /// <c>klima_</c>, a prefix of 12 characters, <c>_</c>, a secret of at least 20 (which may itself hold <c>_</c>: base64url),
    /// read without splitting the key into strings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> key, out ReadOnlySpan<char> prefix, out ReadOnlySpan<char> secret)
    {
        prefix = secret = default;
        if (key.Length < 19 + 20 || !key.StartsWith("klima_", StringComparison.Ordinal) || key[18] != '_' || key[6..18].Contains('_'))
        {
            return false;
        }
        prefix = key[6..18];
        secret = key[19..];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>The longest secret <see cref="Matches(ReadOnlySpan{char}, ReadOnlySpan{byte})"/> hashes on the stack (ours are 43 characters).</summary>
    public const int MaxSecretLength = 256;

    /// <summary>
    /// Whether the secret's SHA-256 is <paramref name="storedHash"/> (the 32 bytes of the stored hex hash), compared in
    /// constant time, without allocating: the secret is encoded and hashed on the stack.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> secret, ReadOnlySpan<byte> storedHash)
    {
        if (secret.Length > MaxSecretLength || storedHash.Length != SHA256.HashSizeInBytes)
        {
            return false;
        }
        Span<byte> utf8 = stackalloc byte[MaxSecretLength * 3];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var length = Encoding.UTF8.GetBytes(secret, utf8);
        SHA256.HashData(utf8[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }

    /// <summary>The stored hex hash as its 32 bytes, or empty when it is not one (such a key never matches).</summary>
    public static byte[] HashBytes(string storedHash)
    {
        try
        {
            var bytes = Convert.FromHexString(storedHash);
            return bytes.Length == SHA256.HashSizeInBytes ? bytes : [];
        }
        catch (FormatException)
        {
            return [];
        }
    }
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

/// <summary>
/// What a request needs of an API key, made once per lookup of its record and kept in the memory cache for
/// <see cref="ApiKeyAuthenticationHandler.Lifetime"/> (revocation on this instance removes it at once): the record, its
/// secret hash as bytes, and one identity of the key's claims that every request of the key shares (frozen: a claim
/// cannot be added to it or removed), which carries the read-model cache's caller key. A request then costs a hash of the
/// secret on the stack and a principal around that identity, not a list of claims and an identity of its own.
/// </summary>
internal sealed class ApiKeyCredential
{
    public ApiKeyCredential(ApiKeyRecord record, string scheme)
    {
        Record = record;
        SecretHash = ApiKeyFormat.HashBytes(record.SecretHash);
        var claims = new List<Claim> { new(ClaimTypes.Name, "api-key:" + record.Name), new("klima:api-key", record.Id.ToString()) };
        claims.AddRange(record.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(Permissions.ClaimType, s)));
        if (record.OrganisationId is not null)
        {
            claims.Add(new Claim(Permissions.OrganisationClaimType, record.OrganisationId.Value.ToString()));
        }
        claims.AddRange(GovernanceModelScope.Claims(record.GovernanceModelScope));
        Identity = Caching.CallerKeys.FrozenIdentity(claims, scheme);
    }

    public ApiKeyRecord Record { get; }

    public byte[] SecretHash { get; }

    public ClaimsIdentity Identity { get; }
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbConnectionFactory db, IMemoryCache cache, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>How long a key's record is used without reading it again (another instance's revocation takes this long at most).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public static string CacheKey(string prefix) => "api-key:" + prefix;

    private static string CacheKey(ReadOnlySpan<char> prefix) => string.Concat("api-key:", prefix);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var key = header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? header.AsSpan(7).Trim() : Request.Headers["X-Api-Key"].ToString().AsSpan();
        if (key.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!ApiKeyFormat.TryParse(key, out var prefix, out var secret))
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed API key."));
        }
        // Keys are looked up by prefix and cached briefly; revocation evicts the entry at once. A key met in the last
        // Lifetime is answered from its cached credential without awaiting anything.
        var cacheKey = CacheKey(prefix);
        return cache.TryGetValue(cacheKey, out ApiKeyCredential? credential)
            ? Task.FromResult(Authenticate(credential, secret))
            : LoadAndAuthenticateAsync(cacheKey, prefix.ToString(), secret.ToString());
    }

    private async Task<AuthenticateResult> LoadAndAuthenticateAsync(string cacheKey, string prefix, string secret) =>
        Authenticate(await LoadAsync(cacheKey, prefix), secret);

    private AuthenticateResult Authenticate(ApiKeyCredential? credential, ReadOnlySpan<char> secret)
    {
        if (credential is null || !ApiKeyFormat.Matches(secret, credential.SecretHash))
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }
        var record = credential.Record;
        if (record.RevokedAt is not null || record.ExpiresAt <= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("The API key was revoked or has expired.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(credential.Identity), Scheme.Name));
    }

    private async Task<ApiKeyCredential?> LoadAsync(string cacheKey, string prefix)
    {
        await using var connection = await db.OpenAsync(Context.RequestAborted);
        var record = await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(
            "SELECT id, name, secret_hash, scopes, organisation_id, governance_model_scope, expires_at, revoked_at FROM api_key WHERE prefix = @Prefix AND deleted_at IS NULL",
            new { Prefix = prefix }, cancellationToken: Context.RequestAborted));
        var credential = record is null ? null : new ApiKeyCredential(record, Scheme.Name);
        // The memory cache has a size limit in bytes (the read models'); a key's credential is well under a kilobyte.
        // An unknown prefix is remembered too (as null), as before: a stream of requests with one bad key reads it once.
        cache.Set(cacheKey, credential, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1024 });
        return credential;
    }
}

using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// Tokens from an external identity provider (OpenID Connect / JWT, e.g. Entra ID). JwtBearer 9+ does not restore
/// here, so this small handler validates with Microsoft.IdentityModel.JsonWebTokens: issuer, audience, lifetime
/// and signature against keys from configuration or the provider's JWKS document.
/// </summary>
public sealed class JwtOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    /// <summary>The provider's JWKS address (e.g. https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys).</summary>
    public string? JwksUrl { get; set; }
    /// <summary>A JWKS document inline (for tests and offline setups).</summary>
    public string? Jwks { get; set; }
    /// <summary>A shared secret (HS256), only for development.</summary>
    public string? SymmetricKey { get; set; }
    /// <summary>The claim that carries roles (Entra ID: "roles").</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Maps the provider's role names onto Klima's roles; unmapped names are taken as they are.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];
    /// <summary>The claim that binds a caller to one organisation (its Klima id), if any.</summary>
    public string OrganisationClaim { get; set; } = "klima_organisation";

    public bool Configured => !string.IsNullOrWhiteSpace(Issuer) && !string.IsNullOrWhiteSpace(Audience) &&
                              (!string.IsNullOrWhiteSpace(JwksUrl) || !string.IsNullOrWhiteSpace(Jwks) || !string.IsNullOrWhiteSpace(SymmetricKey));
}

internal static class JwtBearerSetup
{
    public static IServiceCollection AddJwtBearerValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JwtOptions>(configuration.GetSection("Auth:Jwt"));
        services.AddHttpClient("jwks");
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, JwtBearerHandler>(AuthSetup.BearerScheme, null);
        return services;
    }
}

internal sealed class JwtBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<JwtOptions> jwt, IHttpClientFactory http, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var settings = jwt.Value;
        if (!settings.Configured)
        {
            return AuthenticateResult.Fail("Bearer tokens are not configured (Auth:Jwt).");
        }
        var result = await Tokens.ValidateTokenAsync(header[7..].Trim(), new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKeys = await SigningKeysAsync(settings),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            NameClaimType = "name",
        });
        if (!result.IsValid)
        {
            return AuthenticateResult.Fail("Invalid bearer token.");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, result.ClaimsIdentity.FindFirst("preferred_username")?.Value ?? result.ClaimsIdentity.FindFirst("sub")?.Value ?? "bearer") };
        foreach (var role in result.ClaimsIdentity.FindAll(settings.RoleClaim).Select(c => settings.RoleMap.GetValueOrDefault(c.Value, c.Value)))
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
            claims.AddRange(Roles.PermissionsOf(role).Select(p => new Claim(Permissions.ClaimType, p)));
        }
        if (result.ClaimsIdentity.FindFirst(settings.OrganisationClaim)?.Value is { } organisation)
        {
            claims.Add(new Claim(Permissions.OrganisationClaimType, organisation));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    private async Task<IEnumerable<SecurityKey>> SigningKeysAsync(JwtOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.SymmetricKey))
        {
            return [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SymmetricKey))];
        }
        if (!string.IsNullOrWhiteSpace(settings.Jwks))
        {
            return new JsonWebKeySet(settings.Jwks).GetSigningKeys();
        }
        return await cache.GetOrCreateAsync("jwks:" + settings.JwksUrl, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1);
            // The memory cache has a size limit in bytes (the read models'); a key set is a few kilobytes.
            entry.Size = 64 * 1024;
            var document = await http.CreateClient("jwks").GetStringAsync(new Uri(settings.JwksUrl!), Context.RequestAborted);
            return (IEnumerable<SecurityKey>)new JsonWebKeySet(document).GetSigningKeys();
        }) ?? [];
    }
}

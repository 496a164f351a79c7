using System.Security.Claims;
using Klima.Api.Infrastructure.Auth;

namespace Klima.Api.Features.Accounts;

/// <summary>What the browser learns about its session: who it is, what it may do, and the CSRF token for unsafe requests.</summary>
public sealed record SessionResponse
{
    public required bool Authenticated { get; init; }
    public string? Username { get; init; }
    public string? DisplayName { get; init; }
    public string? Role { get; init; }
    public required IReadOnlyList<string> Permissions { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>The governance models (partnerships) the account is limited to; empty = every model.</summary>
    public IReadOnlyList<Guid> GovernanceModelIds { get; init; } = [];
    /// <summary>Send back as the X-CSRF-TOKEN header on POST, PUT, PATCH and DELETE.</summary>
    public string? CsrfToken { get; init; }
}

internal static class AccountClaims
{
    public const string DisplayName = "klima:display-name";

    public static ClaimsPrincipal Principal(string username, string displayName, string role, Guid? organisationId, string scheme, Guid? sessionId = null, string? governanceModelScope = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, username),
            new(DisplayName, displayName),
            new(ClaimTypes.Role, role),
        };
        claims.AddRange(Roles.PermissionsOf(role).Select(p => new Claim(Permissions.ClaimType, p)));
        if (sessionId is not null)
        {
            claims.Add(new Claim(UserSessions.ClaimType, sessionId.Value.ToString()));
        }
        if (organisationId is not null)
        {
            claims.Add(new Claim(Permissions.OrganisationClaimType, organisationId.Value.ToString()));
        }
        claims.AddRange(GovernanceModelScope.Claims(governanceModelScope));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static SessionResponse Session(ClaimsPrincipal user, string? csrfToken) => new()
    {
        Authenticated = user.Identity?.IsAuthenticated == true,
        Username = user.Identity?.Name,
        DisplayName = user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name,
        Role = user.FindFirst(ClaimTypes.Role)?.Value,
        Permissions = user.FindAll(Permissions.ClaimType).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList(),
        OrganisationId = user.FindFirst(Permissions.OrganisationClaimType)?.Value is { } org && Guid.TryParse(org, out var id) ? id : null,
        GovernanceModelIds = GovernanceModelScope.FromClaims(user)?.Order().ToList() ?? [],
        CsrfToken = csrfToken,
    };
}

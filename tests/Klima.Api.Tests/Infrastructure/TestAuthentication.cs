using System.Security.Claims;
using System.Text.Encodings.Web;
using Klima.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klima.Api.Tests.Infrastructure;

/// <summary>
/// Lets a test act as a role (and optionally an organisation) with two headers, so slice tests need not sign in.
/// Requests without the headers go through the real schemes (cookies, API keys), which their own tests exercise.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RoleHeader = "X-Test-Role";
    public const string OrganisationHeader = "X-Test-Organisation";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var role = Request.Headers[RoleHeader].ToString();
        if (string.IsNullOrEmpty(role))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, "test-" + role), new(ClaimTypes.Role, role) };
        claims.AddRange(Roles.PermissionsOf(role).Select(p => new Claim(Permissions.ClaimType, p)));
        var organisation = Request.Headers[OrganisationHeader].ToString();
        if (organisation.Length > 0)
        {
            claims.Add(new Claim(Permissions.OrganisationClaimType, organisation));
        }
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(SchemeName, null);
        services.PostConfigure<PolicySchemeOptions>("Klima", o =>
        {
            var real = o.ForwardDefaultSelector;
            o.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(RoleHeader) ? SchemeName : real?.Invoke(context);
        });
    }
}

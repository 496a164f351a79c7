using Microsoft.AspNetCore.Authentication.Cookies;

namespace Klima.Api.Infrastructure.Auth;

internal static class AuthSetup
{
    public const string Scheme = "Klima";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddKlimaAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            // Systems send an API key or a bearer token; browsers carry the session cookie.
            .AddPolicyScheme(Scheme, "Klima", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "klima.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // An API answers 401/403 rather than redirecting to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                // The cookie names a server-side session, checked on every request (logout, password change and
                // disabling the account end it at once).
                o.Events.OnValidatePrincipal = UserSessions.ValidateAsync;
            });
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null);
        services.AddJwtBearerValidation(configuration);
        services.AddMemoryCache();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "klima.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Features.Accounts.Login.Account>, Microsoft.AspNetCore.Identity.PasswordHasher<Features.Accounts.Login.Account>>();
        services.AddSingleton<Features.Accounts.DummyPasswordHash>();
        services.AddSingleton<UserSessions>();
        services.Configure<LoginThrottleOptions>(configuration.GetSection("Auth:LoginThrottle"));
        services.AddSingleton<LoginThrottle>();
        services.AddKlimaDataProtection(configuration);
        services.AddKlimaForwardedHeaders(configuration);
        services.AddKlimaRateLimits();
        services.AddAuthorizationBuilder().AddPermissionPolicies();
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) || context.Request.Headers.ContainsKey("X-Api-Key"))
        {
            return ApiKeyScheme;
        }
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BearerScheme;
        }
        return CookieScheme;
    }
}

using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Klima.Api.Features.Accounts;

/// <summary>Tells the browser whether it is signed in, and gives it a fresh CSRF token when it is.</summary>
public static class GetSession
{
    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/auth/session", (IAntiforgery antiforgery, HttpContext http) =>
                {
                    var signedIn = http.User.Identity?.IsAuthenticated == true;
                    var token = signedIn ? antiforgery.GetAndStoreTokens(http).RequestToken : null;
                    return TypedResults.Ok(AccountClaims.Session(http.User, token));
                })
                .WithName("getSession")
                .WithSummary("Hent login-status / Get the sign-in state")
                .WithDescription("Åben for alle, også uden login. Fortæller browseren, om den er logget ind (bruger, rolle, tilladelser) og giver et nyt CSRF-token, når den er." +
                                 "\n\nOpen to anyone, also without signing in. Tells the browser whether it is signed in (user, role, permissions) and gives " +
                                 "it a fresh CSRF token when it is.")
                .WithTags("Accounts")
                .PublicRead();
    }
}

/// <summary>Ends the browser session, on the server too.</summary>
public static class Logout
{
    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/auth/logout", async (UserSessions sessions, HttpContext http) =>
                {
                    // The server-side session ends, so a copy of the cookie kept from before no longer works.
                    if (UserSessions.SessionOf(http.User) is { } session)
                    {
                        await sessions.RevokeAsync(session, "logout", http.RequestAborted);
                    }
                    await http.SignOutAsync(AuthSetup.CookieScheme);
                    return TypedResults.NoContent();
                })
                .WithName("logout")
                .WithSummary("Log ud / Sign out")
                .WithDescription("Åben for alle, også uden login. Afslutter browserens session og sletter session-cookien. Svarer 204, også når der ikke var nogen session." +
                                 "\n\nOpen to anyone, also without signing in. Ends the browser's session and clears the session cookie. Answers 204, also " +
                                 "when there was no session.")
                .WithTags("Accounts")
                .PublicRead();
    }
}

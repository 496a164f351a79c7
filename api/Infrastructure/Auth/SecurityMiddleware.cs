using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Klima.Api.Infrastructure.Auth;

internal static class SecurityMiddleware
{
    /// <summary>
    /// Headers for the API and the web app: no sniffing, no framing, no referrer leaks, a strict CSP. Set when the
    /// response starts, so every answer carries them: the exception handler clears the headers of a failed response
    /// before it writes the problem details, and the status code pages write theirs after the endpoint returned.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Swagger UI needs inline scripts; everything else is served from our own origin. An endpoint may have set a
                // stricter policy of its own (an uploaded document is served sandboxed): that one stays.
                if (!context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                    && string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
                }
                return Task.CompletedTask;
            }, context);
            await next(context);
        });

    /// <summary>
    /// Cookie-authenticated unsafe requests must carry the CSRF token from /api/auth/session (X-CSRF-TOKEN).
    /// API keys and bearer tokens are not sent by browsers on their own, so they need none.
    /// Also records who is acting, for the audit triggers.
    /// </summary>
    public static IApplicationBuilder UseCsrfProtectionAndAuditActor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            AuditActor.Current = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
            var unsafeMethod = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ||
                                 HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method));
            if (unsafeMethod && context.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSetup.CookieScheme })
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new ProblemDetails
                        {
                            Status = StatusCodes.Status403Forbidden,
                            Title = "CSRF token missing or invalid",
                            Detail = "Send the csrfToken from GET /api/auth/session in the X-CSRF-TOKEN header.",
                            Type = "https://klima.dk/problems/csrf",
                        },
                    });
                    return;
                }
            }
            await next(context);
        });
}

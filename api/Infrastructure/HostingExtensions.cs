using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;

namespace Klima.Api.Infrastructure;

internal static class HostingExtensions
{
    public static IServiceCollection AddKlimaOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Klima API",
                Version = "v1",
                Description = "Governance and financing of inter-municipal climate partnerships: bodies, members, cases, decisions and budgets.",
            });
            // Swagger UI's Authorize button: an API key, a bearer token from the identity provider, or the browser's session
            // (its cookie and CSRF token); each operation that needs a permission names them (Http.ContractResponses).
            o.AddSecurityDefinition(Http.ContractResponses.ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "An API key issued by an administrator (POST /api/api-keys). Enter it with its scheme: `ApiKey klima_<prefix>_<secret>`.",
            });
            o.AddSecurityDefinition(Http.ContractResponses.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the configured identity provider (Auth:Jwt, docs/SECURITY.md).",
            });
            o.AddSecurityDefinition(Http.ContractResponses.CookieScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "klima.session",
                Description = "The browser's session after POST /api/auth/login (set by the server, HTTP-only). Writes also need the CSRF token.",
            });
            o.AddSecurityDefinition(Http.ContractResponses.CsrfScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-CSRF-TOKEN",
                Description = "With the session cookie: the csrfToken from GET /api/auth/session, required on POST, PUT, PATCH and DELETE.",
            });
            o.SupportNonNullableReferenceTypes();
            o.SchemaFilter<Http.RequestContract.SchemaFilter>();
            o.OperationFilter<Http.ContractResponses>();
            o.OperationFilter<Http.CamelCaseQueryParameters>();
            // A nullable reference to another schema (a vacant seat's holder) says so: allOf [$ref] with nullable.
            o.UseAllOfToExtendReferenceSchemas();
            o.NonNullableReferenceTypesAsRequired();
            o.CustomSchemaIds(t => t.FullName!.Replace("Klima.Api.Features.", "", StringComparison.Ordinal)
                .Replace("Klima.Api.Domain.", "", StringComparison.Ordinal)
                .Replace("Klima.Api.Infrastructure.", "", StringComparison.Ordinal)
                .Replace("+", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal)
                .Replace("`1[[", "Of", StringComparison.Ordinal).Split(',')[0]);
        });
        return services;
    }

    /// <summary>
    /// Swagger UI and the OpenAPI document. OpenApi:Access = anonymous | administrators | off; the default is anonymous
    /// in Development and administrators elsewhere, so a production server does not hand its full surface to anyone.
    /// Runs after authentication, so an administrator's session or key opens it.
    /// </summary>
    public static WebApplication UseKlimaOpenApi(this WebApplication app)
    {
        var access = app.Configuration["OpenApi:Access"] is { Length: > 0 } configured
            ? configured.ToLowerInvariant()
            : app.Environment.IsDevelopment() ? "anonymous" : "administrators";
        if (access == "off")
        {
            return app;
        }
        if (access != "anonymous")
        {
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
            {
                var user = context.User;
                var status = user.Identity?.IsAuthenticated != true ? StatusCodes.Status401Unauthorized
                    : user.HasClaim(Auth.Permissions.ClaimType, Auth.Permissions.Administer) ? 0 : StatusCodes.Status403Forbidden;
                if (status == 0)
                {
                    await next(context);
                    return;
                }
                context.Response.StatusCode = status;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = status,
                        Title = Localization.Messages.Get($"Status.{status}"),
                        Detail = Localization.Messages.Get("Problem.OpenApiAccess"),
                    },
                });
            }));
        }
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "Klima API v1");
            // What is entered under Authorize survives a reload of the page (kept in the browser's local storage).
            o.EnablePersistAuthorization();
        });
        return app;
    }

    public static IEndpointRouteBuilder MapKlimaHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Every endpoint's request delegate is built once. The framework's minimal-API data source builds its endpoints
    /// (a compiled expression tree per route) anew each time its Endpoints are read, and two readers each keep their own
    /// copy: the authorisation policy cache (at start) and the routing matcher (at the first request), so all ~170 were
    /// compiled twice, about a third of a cold start. Call after the last Map and before the app runs.
    /// </summary>
    public static WebApplication BuildEndpointsOnce(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var wrapped = sources.Select(s => s as EndpointsBuiltOnce ?? new EndpointsBuiltOnce(s)).ToList();
        sources.Clear();
        foreach (var source in wrapped)
        {
            sources.Add(source);
        }
        return app;
    }

    /// <summary>A data source's endpoints, read once and kept until the source signals a change.</summary>
    internal sealed class EndpointsBuiltOnce(EndpointDataSource inner) : EndpointDataSource
    {
        private readonly Lock _lock = new();
        private IReadOnlyList<Endpoint>? _endpoints;
        private IChangeToken? _readAt;

        public EndpointDataSource Inner => inner;

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                lock (_lock)
                {
                    if (_endpoints is null || _readAt is { HasChanged: true })
                    {
                        _readAt = inner.GetChangeToken();
                        _endpoints = inner.Endpoints;
                    }
                    return _endpoints;
                }
            }
        }

        public override IChangeToken GetChangeToken() => inner.GetChangeToken();

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context);
    }

    private static string? WebRoot(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Web:Root"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "web", "dist"))
            : Path.GetFullPath(configured);
        return File.Exists(Path.Combine(root, "index.html")) ? root : null;
    }

    /// <summary>Serves the built single-page app from the same origin as the API, when it has been built.</summary>
    public static PhysicalFileProvider? UseKlimaWebApp(this WebApplication app, IConfiguration configuration, IHostEnvironment environment)
    {
        var root = WebRoot(configuration, environment);
        if (root is null)
        {
            return null;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return files;
    }

    public static WebApplication MapKlimaWebAppFallback(this WebApplication app, PhysicalFileProvider? files)
    {
        if (files is not null)
        {
            // Client-side routes (/bodies/123) load the app; unknown /api paths stay 404 problem details. nonfile: a file
            // path (/assets/app.js) must match no endpoint, or the static-file middleware skips it and the app never loads.
            app.MapFallbackToFile("{*path:nonfile:regex(^(?!api/|health/|swagger).*$)}", "index.html", new StaticFileOptions { FileProvider = files })
                .ExcludeFromDescription()
                .AllowAnonymous();
        }
        return app;
    }
}

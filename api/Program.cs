using System.Text.Json;
using System.Text.Json.Serialization;
using Klima.Api.Features.Accounts;
using Klima.Api.Infrastructure;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using Klima.Api.Infrastructure.Mediation;

// Configuration is read once at start-up: reloading on change would put a recursive file watcher on the content root
// (on Linux one inotify watch per folder, node_modules included), which costs a quarter of a second of every cold start.
// A later "--hostBuilder:reloadConfigOnChange=true" on the command line still turns it back on.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

builder.WebHost.ConfigureKestrel(RequestLimits.ConfigureKestrel);
// Malformed JSON and unknown properties surface as exceptions so the one handler writes them as problem details.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    Klima.Api.Infrastructure.Http.RequestContract.Apply(o.SerializerOptions);
});
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
    ProblemJsonWriter.SayDefaultTitle(c.ProblemDetails);
});
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddKlimaLocalization();
// After the framework's writer: answers in problem+json when the Accept header names only another type.
builder.Services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ProblemJsonWriter>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddKlimaDatabase(builder.Configuration, builder.Environment);
builder.Services.AddMediation(typeof(Program).Assembly);
builder.Services.AddKlimaAuth(builder.Configuration);
builder.Services.AddFeatureModules(builder.Configuration, typeof(Program).Assembly);
builder.Services.AddKlimaOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

var migrateOnly = await app.Services.InitialiseDatabaseAsync(app.Lifetime.ApplicationStopping);
await app.Services.EnsureFirstAdministratorAsync(builder.Configuration, app.Lifetime.ApplicationStopping);
if (migrateOnly)
{
    return; // Database:MigrateOnly: the deploy step migrates, creates the first administrator and exits (docs/PRODUCTION.md).
}

// Before anything reads the client's address or scheme (rate limits, sign-in back-off).
app.UseKlimaForwardedHeaders();
// Danish by default, English on request: before anything that writes a message a person reads, errors included.
app.UseKlimaLocalization();
// First of the rest, so every answer carries them, errors included.
app.UseSecurityHeaders();
// Before the error handlers, so that a HEAD answered with problem details has no body either.
app.UseHeadAsGet();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLimits();
var webApp = app.UseKlimaWebApp(builder.Configuration, builder.Environment);
// Routing after the static files: otherwise the app's fallback route claims /assets/*.js before they are served.
app.UseRouting();
app.UseAuthentication();
app.UseKlimaOpenApi();
app.UseCsrfProtectionAndAuditActor();
app.UseRateLimiter();
app.UseAuthorization();
// After authorisation, so a cached read model is only served to a caller allowed to read it (Infrastructure/Caching).
app.UseReadModelCache();
// Innermost: an optional route or query value that does not parse is a field error with the generated request delegates too.
app.UseBindFailuresAsFieldErrors();
app.MapKlimaHealth();
app.MapFeatureEndpoints(typeof(Program).Assembly);
app.MapKlimaWebAppFallback(webApp);
// Last: the endpoints mapped above are built once and shared by authorisation and routing (HostingExtensions).
app.BuildEndpointsOnce();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

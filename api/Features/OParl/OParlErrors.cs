using System.Diagnostics;
using System.Text.Json.Nodes;
using Klima.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Klima.Api.Features.OParl;

/// <summary>
/// Errors under /oparl are OParl's error object (1.1, "Ausnahmebehandlung"): <c>type</c>
/// <c>https://schema.oparl.org/1.1/Error</c>, <c>message</c> for a person and <c>debug</c> for a developer, with the
/// error's HTTP status. The object also keeps the problem-details members (<c>title</c>, <c>status</c>, <c>detail</c>,
/// field <c>errors</c>, <c>traceId</c>): RFC 9457 allows any URI as a problem type, so a client of either kind reads it.
/// Sent as application/json, the type every OParl answer has.
/// </summary>
internal sealed class OParlErrorWriter : IProblemDetailsWriter
{
    public const string ErrorType = OParlTypes.Version + "Error";

    public static bool IsOParl(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/oparl", StringComparison.OrdinalIgnoreCase);

    public bool CanWrite(ProblemDetailsContext context) => IsOParl(context.HttpContext);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? http.Response.StatusCode;
        var title = problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        var error = new JsonObject
        {
            ["type"] = ErrorType,
            ["message"] = problem.Detail ?? title,
            ["debug"] = $"HTTP {status} {title}" + (problem.Type is { Length: > 0 } kind && kind != ErrorType ? $" ({kind})" : ""),
            ["title"] = title,
            ["status"] = status,
        };
        if (problem.Detail is not null)
        {
            error["detail"] = problem.Detail;
        }
        if (problem is HttpValidationProblemDetails validation && validation.Errors.Count > 0)
        {
            var errors = new JsonObject();
            foreach (var (field, messages) in validation.Errors)
            {
                errors[field] = new JsonArray(messages.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
            }
            error["errors"] = errors;
            error["message"] = string.Join(" ", validation.Errors.SelectMany(e => e.Value));
        }
        error["traceId"] = Activity.Current?.Id ?? http.TraceIdentifier;
        http.Response.StatusCode = status;
        return new ValueTask(http.Response.WriteAsJsonAsync<JsonNode>(error, OParlFormat.Json, "application/json", http.RequestAborted));
    }
}

/// <summary>Puts the OParl error writer ahead of the others, so it answers for every error under /oparl.</summary>
internal sealed class OParlErrorModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, OParlErrorWriter>());
}

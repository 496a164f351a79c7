using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Klima.Api.Infrastructure.Errors;

/// <summary>The one place where exceptions become RFC 9457 problem details.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => ValidationProblem(validation),
            ProblemException known => Known(known),
            BadHttpRequestException { InnerException: JsonException json } => BadJson(json),
            BadHttpRequestException bad when BindFailure().Match(bad.Message) is { Success: true } failed => BadParameter(failed.Groups["name"].Value.ToCamelPath()),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = Messages.Get("Problem.BadRequest"), Detail = bad.Message },
            JsonException json => BadJson(json),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = Messages.Get("Problem.InternalError"),
                Detail = environment.IsDevelopment() ? exception.ToString() : Messages.Get("Problem.InternalError.Detail"),
            };
        }
        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    private static HttpValidationProblemDetails ValidationProblem(ValidationException validation)
    {
        var errors = validation.Errors
            .GroupBy(e => e.PropertyName.ToCamelPath(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Messages.Get("Problem.Validation"),
            Type = "https://klima.dk/problems/validation",
        };
    }

    /// <summary>A route or query value that does not parse (asOf=2023-13-01) is reported on its parameter, like any other field.</summary>
    private static HttpValidationProblemDetails BadParameter(string name) =>
        new(new Dictionary<string, string[]> { [name] = [Messages.Get("Problem.BadParameter")] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Messages.Get("Problem.Validation"),
            Type = "https://klima.dk/problems/validation",
        };

    [GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>[A-Za-z0-9_]+)" from""")]
    private static partial Regex BindFailure();

    private static HttpValidationProblemDetails BadJson(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "" : json.Path.TrimStart('$', '.');
        var field = path.Length == 0 ? "body" : path;
        // Only the JSON path, the contract's own field names and fixed sentences go back: the exception text can echo request content.
        Dictionary<string, string[]> errors;
        if (MissingRequired().Match(json.Message) is { Success: true } missing)
        {
            errors = QuotedName().Matches(missing.Groups["names"].Value)
                .Select(m => path.Length == 0 ? m.Groups[1].Value : $"{path}.{m.Groups[1].Value}")
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(name => name, _ => new[] { Messages.Get("Problem.Required") }, StringComparer.Ordinal);
        }
        else
        {
            var message = Messages.Get(json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "Problem.UnknownProperty"
                : json.Message.Contains("allow null", StringComparison.Ordinal) || json.Message.Contains("allow setting null", StringComparison.Ordinal) ? "Problem.NotNull"
                : "Problem.MalformedJson");
            errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] };
        }
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Messages.Get("Problem.MalformedBody"),
            Type = "https://klima.dk/problems/malformed-body",
        };
    }

    [GeneratedRegex("missing required properties including: (?<names>.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();

    private static ProblemDetails Known(ProblemException known)
    {
        var problem = new ProblemDetails
        {
            Status = known.Status,
            Title = Messages.Say(known.Title),
            Detail = Messages.Say(known.Detail),
            Type = known.Type,
        };
        foreach (var (key, value) in known.Extensions)
        {
            problem.Extensions[key] = value switch
            {
                Text text => Messages.Say(text),
                IEnumerable<Text> texts => texts.Select(Messages.Say).ToArray(),
                _ => value,
            };
        }
        if (known.FieldErrors.Count > 0)
        {
            problem.Extensions["errors"] = known.FieldErrors.ToDictionary(e => e.Key, e => e.Value.Select(Messages.Say).ToArray(), StringComparer.Ordinal);
        }
        return problem;
    }
}

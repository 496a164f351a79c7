using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Klima.Api.Infrastructure.Errors;

/// <summary>
/// The last problem details writer: it writes application/problem+json whatever the request's Accept header says.
/// The framework's writer declines when Accept names only something else (text/csv, text/html), which turned a 404
/// from a CSV export into an empty 500; an error answer is always problem details, the one error format Klima speaks.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= $"https://www.rfc-editor.org/rfc/rfc9110#status.{problem.Status.Value}";
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var type = problem is HttpValidationProblemDetails ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, type, jsonOptions.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }

    /// <summary>
    /// A problem with no title of its own (a 404 for an unknown path, a 401, a 405) gets the framework's English
    /// reason phrase; it is said in the caller's language instead. Titles set on purpose are left alone.
    /// </summary>
    public static void SayDefaultTitle(ProblemDetails problem)
    {
        if (problem.Status is not { } status || problem.Title is not { } title)
        {
            return;
        }
        var english = Localization.Messages.Find($"Status.{status}", Localization.Messages.English);
        if (english is not null && (title == english || title == ReasonPhrases.GetReasonPhrase(status) || title == FrameworkDefault(status)))
        {
            problem.Title = Localization.Messages.Find($"Status.{status}", Localization.Messages.Current) ?? title;
        }
    }

    private static string? FrameworkDefault(int status) => status switch
    {
        StatusCodes.Status422UnprocessableEntity => "Unprocessable Entity",
        StatusCodes.Status500InternalServerError => "An error occurred while processing your request.",
        _ => null,
    };
}

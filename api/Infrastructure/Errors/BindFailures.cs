using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Klima.Api.Infrastructure.Errors;

/// <summary>
/// A route or query value that does not parse is a field error on its parameter (<see cref="ProblemExceptionHandler"/>).
/// The request delegates compiled at run time throw "Failed to bind parameter" for every such value
/// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>); the ones the Request Delegate Generator writes at build time (Release
/// builds) throw it only for a required parameter and answer a bare 400 for an optional one (<c>Guid? bodyId</c>, an
/// <c>[AsParameters]</c> query's properties). This middleware, innermost before the endpoint, finds the parameter behind
/// such a bare 400 from the endpoint's parameter metadata and throws the same exception, so both answer alike.
/// </summary>
internal static class BindFailures
{
    public static IApplicationBuilder UseBindFailuresAsFieldErrors(this IApplicationBuilder app) =>
        app.Use(next => context =>
        {
            var task = next(context);
            if (!task.IsCompletedSuccessfully)
            {
                return Awaited(task, context);
            }
            ThrowIfBindFailure(context);
            return Task.CompletedTask;
        });

    private static async Task Awaited(Task task, HttpContext context)
    {
        await task;
        ThrowIfBindFailure(context);
    }

    private static void ThrowIfBindFailure(HttpContext context)
    {
        if (context.Response.StatusCode != StatusCodes.Status400BadRequest || context.Response.HasStarted || context.GetEndpoint() is not { } endpoint)
        {
            return;
        }
        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            if (!parameter.HasTryParse || parameter.ParameterInfo.ParameterType is not { } type)
            {
                continue;
            }
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var route) && route is not null
                ? route.ToString()
                : context.Request.Query.TryGetValue(parameter.Name, out var query) ? query.ToString() : null;
            if (!string.IsNullOrEmpty(raw) && !Parses(Nullable.GetUnderlyingType(type) ?? type, raw))
            {
                // The message the run-time request delegate writes; ProblemExceptionHandler reads the name from it.
                throw new BadHttpRequestException(string.Create(CultureInfo.InvariantCulture,
                    $"Failed to bind parameter \"{type.Name} {parameter.Name}\" from \"{raw}\"."));
            }
        }
    }

    private static bool Parses(Type type, string value)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: false, out _);
        }
        var arguments = new object?[] { value, CultureInfo.InvariantCulture, null };
        if (type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is { } withProvider)
        {
            return (bool)withProvider.Invoke(null, arguments)!;
        }
        return type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not { } plain
               || (bool)plain.Invoke(null, [value, null])!;
    }
}

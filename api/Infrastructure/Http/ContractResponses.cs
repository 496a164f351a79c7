using Klima.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// The statuses the pipeline itself can answer on any operation, documented on every operation they apply to rather
/// than endpoint by endpoint: 400 (a parameter or body that does not read), 401/403 (the endpoint's permission),
/// 404 (a route value that names nothing), 405 (another method on the path), 414 (URI too long), 431 (too many or too large headers), 415 (a body that is
/// not JSON) and 429 (the rate limiter). All of them are problem details.
/// </summary>
internal sealed class ContractResponses : IOperationFilter
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "sessionCookie";
    public const string CsrfScheme = "csrfToken";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var hasInput = context.ApiDescription.ParameterDescriptions.Count > 0 || operation.RequestBody is not null;
        if (hasInput)
        {
            Add(operation, context, StatusCodes.Status400BadRequest, "Bad Request", typeof(HttpValidationProblemDetails));
        }
        if (metadata.OfType<RequiredPermission>().Any())
        {
            Add(operation, context, StatusCodes.Status401Unauthorized, "Unauthorized");
            Add(operation, context, StatusCodes.Status403Forbidden, "Forbidden");
            // Any one of them: an API key, a bearer token, or the session cookie (with the CSRF token on writes).
            var safe = context.ApiDescription.HttpMethod is "GET" or "HEAD";
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                safe
                    ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] }
                    : new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [],
                        [new OpenApiSecuritySchemeReference(CsrfScheme, context.Document)] = [],
                    },
            ];
        }
        if (context.ApiDescription.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path))
        {
            Add(operation, context, StatusCodes.Status404NotFound, "Not Found");
        }
        Add(operation, context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        Add(operation, context, StatusCodes.Status414UriTooLong, "URI Too Long");
        Add(operation, context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request Header Fields Too Large");
        if (operation.RequestBody is not null)
        {
            Add(operation, context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
        }
        Add(operation, context, StatusCodes.Status429TooManyRequests, "Too Many Requests");
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, int status, string description, Type? type = null)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(type ?? typeof(ProblemDetails), context.SchemaRepository) },
            },
        };
    }
}

using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// Query parameters are camelCase in the contract, like every JSON property (<c>?limit=&amp;cursor=&amp;modifiedSince=</c>),
/// whatever the C# name of the property or argument that binds them. The one mechanism for old names: ASP.NET Core reads
/// query keys case-insensitively, so the PascalCase names of the previous contract (<c>?Limit=</c>) still bind; they
/// are deprecated aliases for one release (see CHANGELOG.md).
/// </summary>
internal sealed class CamelCaseQueryParameters : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name && char.IsUpper(name[0]))
            {
                parameter.Name = CamelCase(name);
            }
        }
    }

    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

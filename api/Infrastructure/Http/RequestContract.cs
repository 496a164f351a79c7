using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// Required means required, for every request record at once: a constructor parameter with no default value that is
/// not nullable (<c>SeatRole Role</c>, <c>bool CanDecide</c>, <c>DateOnly StartsOn</c>, <c>string Label</c>,
/// <c>IReadOnlyList&lt;Line&gt; Lines</c>) must be present in the JSON body, and a non-nullable one must not be null.
/// A missing or null one is a 400 naming the field instead of a silent default (role chair, cost type salaries,
/// 0001-01-01, canDecide false) or a null that a validator or handler trips over. Optional fields say so in the type
/// (<c>int?</c>, <c>string?</c>) or with a default value. The OpenAPI schema says the same (<see cref="SchemaFilter"/>).
/// </summary>
internal static class RequestContract
{
    private static readonly Assembly Own = typeof(RequestContract).Assembly;

    /// <summary>Turns on the rule for the HTTP JSON options (only reading: responses are written as before).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        // Null into a non-nullable property or constructor parameter is refused when reading; writing never throws
        // (Modify marks every getter nullable), a response's nullability is the contract test's business.
        options.RespectNullableAnnotations = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Modify);
    }

    private static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        foreach (var property in info.Properties.Where(p => !p.PropertyType.IsValueType))
        {
            property.IsGetNullable = true;
        }
        // Anonymous types (problem-detail extensions) are only ever written, and their getter-only properties cannot be
        // marked required: serialising one would throw inside the error handler.
        if (info.Type.Assembly != Own || info.Type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
        {
            return;
        }
        var parameters = RequiredParameters(info.Type);
        foreach (var property in info.Properties)
        {
            if (property.AttributeProvider is PropertyInfo member && parameters.Contains(member.Name))
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>The names of the constructor parameters a record cannot do without (no default value, not nullable).</summary>
    public static HashSet<string> RequiredParameters(Type type)
    {
        var required = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        // Records have one public constructor with parameters (plus the copy constructor, which is protected).
        var constructor = constructors.Where(c => c.GetParameters().Length > 0).OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null || constructors.Any(c => c.GetParameters().Length == 0))
        {
            return required;
        }
        foreach (var parameter in constructor.GetParameters())
        {
            if (parameter.HasDefaultValue || parameter.Name is null)
            {
                continue;
            }
            var type2 = parameter.ParameterType;
            var notNull = type2.IsValueType
                ? Nullable.GetUnderlyingType(type2) is null
                // NullabilityInfoContext caches without locking: one per call, since contracts are built concurrently.
                : new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.NotNull;
            if (notNull)
            {
                required.Add(parameter.Name);
            }
        }
        return required;
    }

    private static IEnumerable<string> OptionalParameters(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters()
            .Where(p => p.HasDefaultValue && p.Name is not null).Select(p => p.Name!) ?? [];

    /// <summary>Marks the same properties required in the OpenAPI schema (non-nullable references already are).</summary>
    internal sealed class SchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null || context.Type.Assembly != Own)
            {
                return;
            }
            // A parameter with a default value (bool TiedToElectionTerm = false) may be left out.
            foreach (var name in OptionalParameters(context.Type))
            {
                concrete.Required?.Remove(JsonNamingPolicy.CamelCase.ConvertName(name));
            }
            foreach (var name in RequiredParameters(context.Type))
            {
                var json = JsonNamingPolicy.CamelCase.ConvertName(name);
                if (concrete.Properties.ContainsKey(json))
                {
                    concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                    concrete.Required.Add(json);
                }
            }
        }
    }
}

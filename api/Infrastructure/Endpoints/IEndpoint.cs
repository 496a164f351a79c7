using System.Reflection;

namespace Klima.Api.Infrastructure.Endpoints;

/// <summary>A use case maps its own route; Program.cs only discovers them.</summary>
internal interface IEndpoint
{
    void Map(IEndpointRouteBuilder app);
}

internal static class EndpointDiscovery
{
    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app, Assembly assembly)
    {
        var endpoints = assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IEndpoint).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IEndpoint)Activator.CreateInstance(t, nonPublic: true)!);
        foreach (var endpoint in endpoints)
        {
            endpoint.Map(app);
        }
        return app;
    }
}

using System.Reflection;

namespace Klima.Api.Infrastructure;

/// <summary>
/// A feature that needs services beyond its handlers (a background worker, options) registers them here,
/// discovered at start-up, so that adding a feature never edits Program.cs.
/// </summary>
internal interface IFeatureModule
{
    void AddServices(IServiceCollection services, IConfiguration configuration);
}

internal static class FeatureModules
{
    public static IServiceCollection AddFeatureModules(this IServiceCollection services, IConfiguration configuration, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IFeatureModule).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            ((IFeatureModule)Activator.CreateInstance(type, nonPublic: true)!).AddServices(services, configuration);
        }
        return services;
    }
}

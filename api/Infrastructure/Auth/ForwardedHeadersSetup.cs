using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy, so every client would share one per-address rate limit
/// (one attacker's bad logins would lock everyone out). <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR) name the proxies whose X-Forwarded-For / X-Forwarded-Proto are believed;
/// the client address then comes from the header, and the limits key on it. Nothing configured = no header is
/// believed (the connection's own address counts), so a client cannot choose its own address.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddKlimaForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);
            // The defaults trust loopback; only what is configured is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in Values(configuration, "ForwardedHeaders:KnownProxies"))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in Values(configuration, "ForwardedHeaders:KnownNetworks"))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that limits, logs and redirects see the real client; off when no proxy is configured.</summary>
    public static IApplicationBuilder UseKlimaForwardedHeaders(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return Values(configuration, "ForwardedHeaders:KnownProxies").Any() || Values(configuration, "ForwardedHeaders:KnownNetworks").Any()
            ? app.UseForwardedHeaders()
            : app;
    }

    /// <summary>A list setting given either as an array or as one comma-separated value.</summary>
    public static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal);
    }
}

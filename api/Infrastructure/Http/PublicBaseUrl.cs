namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// The origin every absolute URL Klima writes is built on (OParl ids and links, list "next" links, document
/// download links): the setting <c>Klima:PublicBaseUrl</c> (e.g. <c>https://klima.example.dk</c>, optionally with a
/// path prefix), never the request's Host header, which any caller can set. Unset, it is <c>http://localhost</c>:
/// a production deployment sets it (README, Configuration; docs/OPARL.md). The request's path base is kept after it.
/// </summary>
public static class PublicBaseUrl
{
    public const string Setting = "Klima:PublicBaseUrl";
    public const string Fallback = "http://localhost";

    /// <summary>The configured origin (and optional path prefix), without a trailing slash.</summary>
    public static string Of(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Fallback;
        }
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException($"{Setting} must be an absolute http(s) URL without query, fragment or user info, such as https://klima.example.dk.");
        }
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The origin for a request: the configured one plus the request's path base (set by the app, not the caller).</summary>
    public static string Of(HttpRequest request) =>
        Of(request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()) + request.PathBase;

    /// <summary>The absolute URL of the request's own path on the public origin.</summary>
    public static string OfPath(HttpRequest request) => Of(request) + request.Path;
}

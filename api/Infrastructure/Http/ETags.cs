using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's <c>version</c> column is its ETag; updates must send it back in
/// If-Match (428 when missing, 412 when stale); a GET with a matching If-None-Match gets 304.
/// </summary>
internal static class ETags
{
    public static string Of(long version) => $"\"{version}\"";

    public static int RequiredVersion(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new PreconditionRequiredException();
        }
        var value = header.Trim();
        // If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag (W/"3") never matches, nor does an
        // unquoted or unparseable one; -1 is a version no row has, so the update answers 412.
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"')
        {
            return -1;
        }
        value = value[1..^1];
        // A read model's tag also names the data version it was read at ("3.812.20427", Infrastructure/Caching); the
        // resource's own version leads.
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            value = value[..dot];
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1;
    }

    /// <summary>200 with the ETag header, or 304 when the client already holds this version.</summary>
    public static IResult OkWithETag<T>(HttpContext context, T body, long version)
    {
        var tag = Of(version);
        context.Response.Headers.ETag = tag;
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => string.Equals(t.Trim().Replace("W/", "", StringComparison.Ordinal), tag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(body);
    }

    /// <summary>Sets the ETag of a resource that a command just created or changed.</summary>
    public static void Set(HttpContext context, long version) => context.Response.Headers.ETag = Of(version);
}

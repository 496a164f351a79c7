using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// The documented limits on a request's URL and headers (docs/SECURITY.md), enforced by Klima so the refusal is problem
/// details with the security headers. Kestrel's own limits are set above them: Kestrel answers a limit it enforces with
/// a bare 414/431 before any middleware runs, so with its ceilings higher only a request far beyond the documented
/// limits (or a malformed one) meets Kestrel's answer, and there the reverse proxy adds the headers.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The longest request target (path and query, as decoded) Klima reads; 414 above.</summary>
    public const int MaxRequestTargetLength = 4096;

    /// <summary>The most request header bytes (names and values) Klima reads; 431 above.</summary>
    public const int MaxRequestHeadersTotalSize = 32 * 1024;

    /// <summary>The most request header fields Klima reads; 431 above.</summary>
    public const int MaxRequestHeaderCount = 100;

    /// <summary>Request bodies (JSON); uploads raise it per endpoint.</summary>
    public const long MaxRequestBodySize = 1_048_576;

    /// <summary>Kestrel's ceilings, each a little above the documented limit (Kestrel's defaults are 8 KiB, 32 KiB and 100).</summary>
    public static void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize;
        kestrel.Limits.MaxRequestLineSize = 16 * 1024;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxRequestHeadersTotalSize;
        kestrel.Limits.MaxRequestHeaderCount = 2 * MaxRequestHeaderCount;
    }

    /// <summary>Refuses an over-long URL (414) or too many or too large headers (431) as problem details.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var target = (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
            if (target > MaxRequestTargetLength)
            {
                await RefuseAsync(context, StatusCodes.Status414UriTooLong, "URI too long",
                    $"The path and query may be at most {MaxRequestTargetLength} characters.", "https://klima.dk/problems/uri-too-long");
                return;
            }
            var count = 0;
            long size = 0;
            foreach (var (name, values) in request.Headers)
            {
                foreach (var value in values)
                {
                    count++;
                    size += name.Length + (value?.Length ?? 0);
                }
            }
            if (count > MaxRequestHeaderCount || size > MaxRequestHeadersTotalSize)
            {
                await RefuseAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request header fields too large",
                    $"A request may carry at most {MaxRequestHeaderCount} header fields of at most {MaxRequestHeadersTotalSize / 1024} KiB in all.",
                    "https://klima.dk/problems/headers-too-large");
                return;
            }
            await next(context);
        });

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail, string type)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type },
        }).AsTask();
    }
}

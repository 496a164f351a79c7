using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>Per-client limits so that one noisy client does not slow the others; 429 with Retry-After.</summary>
internal static class RateLimits
{
    public const string Login = "login";

    public static IServiceCollection AddKlimaRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        // Read when the options are built, so that configuration added by hosts and tests is seen.
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var enabled = configuration.GetValue("RateLimiting:Enabled", true);
            var perMinute = configuration.GetValue("RateLimiting:PermitsPerMinute", 1200);
            var loginPerMinute = configuration.GetValue("RateLimiting:LoginAttemptsPerMinute", 10);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !enabled
                    ? RateLimitPartition.GetNoLimiter("off")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => Bucket(perMinute)));
            // Per client address (behind a proxy: the real client, see ForwardedHeadersSetup); per account: LoginThrottle.
            o.AddPolicy(Login, context => !enabled
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetTokenBucketLimiter("login:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local"), _ => Bucket(loginPerMinute)));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = Localization.Messages.Get("Problem.TooManyRequests"),
                        Detail = Localization.Messages.Get("Problem.TooManyRequests.Detail", (int)Math.Ceiling(retryAfter.TotalSeconds)),
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// A bucket of a minute's permits that refills continuously (20 a second for 1200 a minute; one every 6 s for 10), so
    /// the limiter's Retry-After (the time until the tokens needed are back) is the real wait, not a whole minute.
    /// </summary>
    public static TokenBucketRateLimiterOptions Bucket(int perMinute)
    {
        perMinute = Math.Max(perMinute, 1);
        var tokensPerPeriod = (perMinute + 59) / 60;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.FromMinutes(1).Ticks * tokensPerPeriod / perMinute),
            QueueLimit = 0,
        };
    }

    /// <summary>The partition key: the authenticated caller (user or API key) when known, else the remote address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "caller:" + name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}

using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Klima.Api.Infrastructure.Http;

/// <summary>
/// HEAD on any GET route answers like GET without a body (RFC 9110 §9.3.2): same status and headers (ETag,
/// Content-Type), so a client can probe a resource cheaply. Minimal API routes match GET only; rather than mapping
/// every route twice, the request runs as GET and the body is discarded.
/// </summary>
internal static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            context.Features.Set<IHttpResponseBodyFeature>(new DiscardedBody(body));
            context.Request.Method = HttpMethods.Get;
            // Back to HEAD before the headers go out, so the server sends no body framing either.
            context.Response.OnStarting(static state =>
            {
                ((HttpContext)state).Request.Method = HttpMethods.Head;
                return Task.CompletedTask;
            }, context);
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = HttpMethods.Head;
                context.Features.Set(body);
            }
        });

    private sealed class DiscardedBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        private PipeWriter? _writer;

        public Stream Stream => Stream.Null;
        public PipeWriter Writer => _writer ??= PipeWriter.Create(Stream.Null);
        public void DisableBuffering() => inner.DisableBuffering();
        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
        public Task CompleteAsync() => inner.CompleteAsync();
    }
}

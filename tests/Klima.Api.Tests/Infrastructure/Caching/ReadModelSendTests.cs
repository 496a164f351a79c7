using Klima.Api.Infrastructure.Caching;
using Microsoft.AspNetCore.Http;

namespace Klima.Api.Tests.Infrastructure.Caching;

/// <summary>How a cached answer is handed to the server: one buffer while few answers are in flight, pooled blocks beyond.</summary>
public sealed class ReadModelSendTests
{
    [Test]
    public void The_whole_body_is_asked_for_at_once_only_while_few_answers_are_being_sent()
    {
        var limit = ReadModelCacheMiddleware.OneBufferLimit;
        limit.ShouldBe(16 * Environment.ProcessorCount);
        ReadModelCacheMiddleware.SizeHint(81_255, 1).ShouldBe(81_255);
        ReadModelCacheMiddleware.SizeHint(81_255, limit).ShouldBe(81_255);
        // Beyond the limit the pipe's own block (hint 0): no rent from the shared array pool, whose 128 KB bucket would
        // be empty and allocate on the large-object heap.
        ReadModelCacheMiddleware.SizeHint(81_255, limit + 1).ShouldBe(0);
        ReadModelCacheMiddleware.SizeHint(81_255, 1024).ShouldBe(0);
    }

    [Test]
    public async Task A_large_body_is_sent_whole_with_its_length()
    {
        var body = new byte[81_255];
        new Random(19).NextBytes(body);
        var http = new DefaultHttpContext();
        using var sink = new MemoryStream();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(new StreamResponseBodyFeature(sink));
        await ReadModelCacheMiddleware.SendAsync(http.Response, body, CancellationToken.None);
        sink.ToArray().ShouldBe(body);
    }
}

using System.Buffers;
using System.Text;
using Klima.Api.Infrastructure.Caching;
using Microsoft.Extensions.Primitives;
using NUnit.Framework;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Caching;

public sealed class ReadModelEntrySerializerTests
{
    [Test]
    public void An_entry_is_its_body_and_headers_in_bytes_and_reads_back_the_same()
    {
        var body = Encoding.UTF8.GetBytes("{\"navn\":\"Byråd Ærø\",\"n\":" + new string('7', 5000) + "}");
        var entry = new ReadModelEntry(body, "application/json; charset=utf-8",
            [new("ETag", "\"v42-d2026-12-06\""), new("Content-Language", "da"), new("Vary", new StringValues(["Accept", "Accept-Language"]))]);
        var serializer = new ReadModelEntrySerializer();
        var buffer = new ArrayBufferWriter<byte>();

        serializer.Serialize(entry, buffer);

        // The size the memory cache is given is the body plus a little, not the body in base64.
        buffer.WrittenCount.ShouldBeGreaterThan(body.Length);
        buffer.WrittenCount.ShouldBeLessThan(body.Length + 200);
        var read = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        read.Body.ShouldBe(body);
        read.ContentType.ShouldBe(entry.ContentType);
        read.Headers.Select(h => $"{h.Key}={h.Value}").ShouldBe(entry.Headers.Select(h => $"{h.Key}={h.Value}"));
    }

    [Test]
    public void An_entry_without_a_content_type_reads_back_without_one()
    {
        var serializer = new ReadModelEntrySerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(new ReadModelEntry([], null, []), buffer);
        var read = serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        read.ContentType.ShouldBeNull();
        read.Body.ShouldBeEmpty();
        read.Headers.ShouldBeEmpty();
    }
}

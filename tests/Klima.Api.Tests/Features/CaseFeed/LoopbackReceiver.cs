using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Klima.Api.Features.CaseFeed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Klima.Api.Tests.Features.CaseFeed;

public sealed record ReceivedDelivery(Guid EventId, long Sequence, string Type, string? TypeHeader, Guid CaseId, long Timestamp, bool SignatureValid);

/// <summary>
/// A webhook receiver on 127.0.0.1 (Kestrel: the managed HttpListener on Linux can crash the process from a
/// callback when a response closes in a race). It verifies each signature over the raw body and answers 503 to
/// its first <c>failFirst</c> requests.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private int _failuresLeft;
    private int _rejected;

    public ConcurrentQueue<ReceivedDelivery> Accepted { get; } = new();
    public int Rejected => _rejected;

    private LoopbackReceiver(int port, string secret, int failFirst)
    {
        _secret = secret;
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.Run(ReceiveAsync);
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<LoopbackReceiver> StartAsync(int port, string secret, int failFirst = 0)
    {
        var receiver = new LoopbackReceiver(port, secret, failFirst);
        await receiver._app.StartAsync();
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _rejected);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var headers = context.Request.Headers;
        var eventId = Guid.Parse(headers[WebhookSignature.EventIdHeader].ToString());
        Accepted.Enqueue(new ReceivedDelivery(
            eventId,
            root.GetProperty("sequence").GetInt64(),
            root.GetProperty("type").GetString()!,
            headers[WebhookSignature.EventTypeHeader].ToString(),
            root.GetProperty("caseId").GetGuid(),
            long.Parse(headers[WebhookSignature.TimestampHeader].ToString(), CultureInfo.InvariantCulture),
            WebhookSignature.Verify(_secret, body, headers[WebhookSignature.SignatureHeader].ToString()) && root.GetProperty("id").GetGuid() == eventId));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Klima.Load;

/// <summary>
/// Open-loop load at a fixed rate (what wrk2 does; Debian has only wrk): requests start on a fixed schedule whether or not
/// earlier ones have finished, and each latency is measured from its scheduled start, so a stalled server shows up in
/// the percentiles instead of silently lowering the rate (no coordinated omission).
/// <c>Klima.Load --url URL --rate 2000 --seconds 10 [--header "Authorization: ApiKey ..."] [--urls-file FILE]</c>
/// prints one JSON object: rate asked and achieved, count, non-2xx, errors, p50/p90/p99/p999/max in milliseconds.
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        var urls = new List<string>();
        var headers = new List<(string, string)>();
        double rate = 0, seconds = 10, warmup = 2;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => args[++i];
            switch (args[i])
            {
                case "--url": urls.Add(Value()); break;
                case "--urls-file": urls.AddRange(File.ReadAllLines(Value()).Where(l => l.Length > 0)); break;
                case "--rate": rate = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--header":
                    var h = Value();
                    var colon = h.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((h[..colon].Trim(), h[(colon + 1)..].Trim()));
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }
        if (urls.Count == 0 || rate <= 0)
        {
            Console.Error.WriteLine("usage: Klima.Load --url URL [--url URL2 | --urls-file F] --rate PER_SECOND [--seconds 10] [--warmup 2] [--header 'Name: value']");
            return 2;
        }

        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        // Warm-up at the same rate, not recorded: connections opened, server caches and JIT settled.
        await RunAsync(client, urls, rate, warmup, record: false);
        var result = await RunAsync(client, urls, rate, seconds, record: true);
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private sealed record Result(double RateAsked, double RateAchieved, int Count, int Non2xx, int Errors,
        double P50, double P90, double P99, double P999, double Max);

    private static async Task<Result> RunAsync(HttpClient client, List<string> urls, double rate, double seconds, bool record)
    {
        var total = (int)(rate * seconds);
        var latencies = new double[total];
        int non2xx = 0, errors = 0;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        var interval = 1.0 / rate;

        async Task SendAsync(int index, double scheduled)
        {
            try
            {
                using var response = await client.GetAsync(urls[index % urls.Count], HttpCompletionOption.ResponseContentRead);
                if ((int)response.StatusCode is < 200 or > 299)
                {
                    Interlocked.Increment(ref non2xx);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            latencies[index] = (clock.Elapsed.TotalSeconds - scheduled) * 1000;
        }

        // Every request whose scheduled start has come is sent, then the loop sleeps for a millisecond. It never spins:
        // the load generator runs pinned to one core, and a spinning scheduler starves the threads that complete the
        // responses, which showed up as seconds of made-up latency. A request sent up to a millisecond late still has
        // its latency measured from its scheduled start.
        var next = 0;
        while (next < total)
        {
            var now = clock.Elapsed.TotalSeconds;
            while (next < total && next * interval <= now)
            {
                tasks.Add(SendAsync(next, next * interval));
                next++;
            }
            if (next < total)
            {
                await Task.Delay(1);
            }
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        if (!record)
        {
            return new Result(rate, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        Array.Sort(latencies);
        double P(double q) => Math.Round(latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)], 2);
        return new Result(rate, Math.Round(total / elapsed, 1), total, non2xx, errors, P(0.50), P(0.90), P(0.99), P(0.999), Math.Round(latencies[^1], 2));
    }
}

using System.Diagnostics;
using Klima.Api.Domain;
using Klima.Api.Infrastructure;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Reports;

/// <summary>Turns a self-contained HTML page into a PDF.</summary>
internal interface IPdfPrinter
{
    Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken);
}

/// <summary>No PDF engine on this server: a 503 problem detail that says how to install one.</summary>
internal sealed class PdfUnavailableException(Text detail) : ProblemException(new Text("Report.PdfUnavailable"), detail)
{
    public PdfUnavailableException(string key, params object?[] args) : this(new Text(key, args))
    {
    }

    public override int Status => StatusCodes.Status503ServiceUnavailable;
}

/// <summary>
/// Prints with Debian's headless chromium (print-to-PDF). The API renders the report's HTML itself, writes it to a
/// private temporary folder and lets chromium print that file: no signed-in browser session, no network, and the
/// PDF shows the same figures as the JSON. At most two prints run at once; each has a time limit.
/// Configuration: Reports:ChromiumPath (default /usr/bin/chromium), Reports:PdfTimeoutSeconds (default 60).
/// </summary>
internal sealed class ChromiumPdfPrinter(IConfiguration configuration, ILogger<ChromiumPdfPrinter> logger) : IPdfPrinter
{
    public const string DefaultPath = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Gate = new(2, 2);

    public string ChromiumPath => configuration["Reports:ChromiumPath"] is { Length: > 0 } path ? path : DefaultPath;

    private TimeSpan Timeout => TimeSpan.FromSeconds(configuration.GetValue("Reports:PdfTimeoutSeconds", 60));

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new PdfUnavailableException(
                "Report.ChromiumMissing", chromium);
        }
        await Gate.WaitAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("klima-report-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.html");
            var output = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(input, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = folder.FullName,
            };
            start.Environment["HOME"] = folder.FullName;
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                         $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start) ?? throw new PdfUnavailableException("Report.ChromiumNotStarted", chromium);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new PdfUnavailableException("Report.ChromiumTimeout", Timeout.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
            }
            await Task.WhenAll(stderr, stdout);
            var bytes = File.Exists(output) ? await File.ReadAllBytesAsync(output, cancellationToken) : [];
            if (bytes.Length < 5 || bytes[0] != (byte)'%' || bytes[1] != (byte)'P' || bytes[2] != (byte)'D' || bytes[3] != (byte)'F')
            {
                logger.LogError("Chromium exited with {ExitCode} without a PDF: {Error}", process.ExitCode, stderr.Result);
                throw new PdfUnavailableException("Report.ChromiumNoPdf");
            }
            return bytes;
        }
        finally
        {
            Gate.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A profile file still locked by a dying chromium is left for the temp cleaner.
            }
        }
    }
}

internal sealed class ReportsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IPdfPrinter, ChromiumPdfPrinter>();
}

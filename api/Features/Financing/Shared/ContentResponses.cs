using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Klima.Api.Features.Financing.Shared;

/// <summary>
/// Reads computed from many rows (rollups, reports) have no single version column, so their ETag is a hash of the
/// bytes sent: an integrator polling unchanged data gets 304 and no body. The same holds for CSV.
/// </summary>
internal static class ContentResponses
{
    public static IResult Json<T>(HttpContext http, T body, JsonSerializerOptions options) =>
        Bytes(http, JsonSerializer.SerializeToUtf8Bytes(body, options), "application/json; charset=utf-8");

    public static IResult Bytes(HttpContext http, byte[] bytes, string contentType)
    {
        var tag = "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 16)).ToLowerInvariant() + "\"";
        http.Response.Headers.ETag = tag;
        http.Response.Headers.Vary = "Accept";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => string.Equals(t.Trim().Replace("W/", "", StringComparison.Ordinal), tag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(bytes, contentType);
    }

    /// <summary>CSV when asked by <c>?format=csv</c> or, without a format, by <c>Accept: text/csv</c>.</summary>
    public static bool WantsCsv(HttpRequest request, string? format) =>
        format is not null
            ? string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            : request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
}

/// <summary>One CSV column: its header and how a row's value is written.</summary>
internal sealed record CsvColumn<T>(string Header, Func<T, CsvValue> Value);

/// <summary>A CSV cell: text, a money amount (formatted per locale) or nothing.</summary>
internal readonly record struct CsvValue(string? Text, decimal? Number)
{
    public static implicit operator CsvValue(string? text) => new(text, null);
    public static CsvValue Of(decimal? number) => new(null, number);
    public static CsvValue Of(DateOnly? date) => new(date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
}

/// <summary>
/// CSV for spreadsheets and integrators: UTF-8, a header row, RFC 4180 quoting. The default locale writes
/// 800000.00 with comma separators; <c>locale=da</c> writes 800000,00 with semicolons, as Danish Excel expects.
/// No thousands separators, so every number parses back exactly. <c>bom=true</c> prefixes a UTF-8 byte order mark.
/// </summary>
internal static class FinancingCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static bool IsDanish(string? locale) => string.Equals(locale, "da", StringComparison.OrdinalIgnoreCase);

    public static byte[] Write<T>(IEnumerable<T> rows, IReadOnlyList<CsvColumn<T>> columns, string? locale, bool bom)
    {
        var danish = IsDanish(locale);
        // Injection escaping: a text cell starting with = + - @ would run as a formula in a spreadsheet.
        var options = CsvWriterOptions.Default with { Separator = danish ? ';' : ',', WriteByteOrderMark = bom, Injection = CsvInjection.Escape };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteRecord(columns.Select(c => c.Header).ToArray());
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    var value = column.Value(row);
                    if (value.Number is { } number)
                    {
                        // Written as a number (not text), so a negative amount is not mistaken for a formula and escaped.
                        csv.WriteField(number, "0.00", danish ? DanishNumbers : NumberFormatInfo.InvariantInfo);
                    }
                    else
                    {
                        csv.WriteField(value.Text ?? "");
                    }
                }
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    // Built by hand: the app runs with invariant globalization, so "da-DK" culture data is not available.
    private static readonly NumberFormatInfo DanishNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };
}

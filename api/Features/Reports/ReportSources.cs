using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Features.Reports;

/// <summary>Reads every page of one of the API's own list queries, as a client following the next links would.</summary>
internal static class ReportSources
{
    public static async Task<List<T>> AllAsync<T>(Func<string?, Task<Slice<T>>> page, int maxPages = 100)
    {
        var items = new List<T>();
        string? cursor = null;
        for (var i = 0; i < maxPages; i++)
        {
            var slice = await page(cursor);
            items.AddRange(slice.Items);
            cursor = slice.NextCursor;
            if (cursor is null)
            {
                return items;
            }
        }
        throw new InvalidOperationException($"A report source has more than {maxPages} pages.");
    }
}

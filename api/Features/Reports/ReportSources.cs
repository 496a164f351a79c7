using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Features.Reports;

/// <summary>Reads every page of one of the API's own list queries, as a client following the next links would.</summary>
internal static class ReportSources
{
    /// <summary>All items, however many pages: the keyset cursor always moves forward, so the loop ends.</summary>
    public static async Task<List<T>> AllAsync<T>(Func<string?, Task<Slice<T>>> page)
    {
        var items = new List<T>();
        string? cursor = null;
        do
        {
            var slice = await page(cursor);
            items.AddRange(slice.Items);
            cursor = slice.NextCursor;
        }
        while (cursor is not null);
        return items;
    }
}

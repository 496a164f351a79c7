using System.Buffers.Text;
using System.Text;
using Klima.Api.Infrastructure.Localization;
using Microsoft.AspNetCore.WebUtilities;

namespace Klima.Api.Infrastructure.Http;

/// <summary>A page of a list: the items and the absolute link to the next page (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>What a handler returns for a list: the items and the opaque cursor after the last one.</summary>
internal sealed record Slice<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>Handlers fetch limit + 1 rows; the extra row only tells that there is a next page.</summary>
    public static Slice<T> FromRows(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf)
    {
        if (rows.Count <= limit)
        {
            return new Slice<T>(rows, null);
        }
        var items = rows.Take(limit).ToList();
        return new Slice<T>(items, Cursor.Encode(cursorOf(items[^1])));
    }

    public Page<T> ToPage(HttpRequest request) => new(Items, NextCursor is null ? null : Paging.NextLink(request, NextCursor));
}

internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static string NextLink(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !string.Equals(kv.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("cursor", cursor));
        return QueryHelpers.AddQueryString(PublicBaseUrl.OfPath(request), query);
    }
}

/// <summary>Opaque keyset cursors: clients pass them back unchanged and never build them.</summary>
internal static class Cursor
{
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor", Messages.Get("Paging.UnknownCursor"))]);
        }
    }

    public static Guid? DecodeGuid(string? cursor) =>
        Decode(cursor) is { } key
            ? Guid.TryParse(key, out var id) ? id : throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor", Messages.Get("Paging.UnknownCursor"))])
            : null;
}

using FluentValidation;

namespace Klima.Api.Infrastructure.Http;

/// <summary>Paging and incremental-sync parameters shared by every list.</summary>
internal interface IListQuery
{
    int? Limit { get; }
    string? Cursor { get; }
    DateTimeOffset? ModifiedSince { get; }
}

internal static class ListQueryExtensions
{
    public static int Take(this IListQuery query) => query.Limit ?? Paging.DefaultLimit;

    /// <summary>Lists skip deleted rows, except for incremental sync, which must see them as tombstones.</summary>
    public static bool IncludeTombstones(this IListQuery query) => query.ModifiedSince is not null;
}

internal sealed class ListQueryRules : AbstractValidator<IListQuery>
{
    public ListQueryRules()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).MaximumLength(500);
    }
}

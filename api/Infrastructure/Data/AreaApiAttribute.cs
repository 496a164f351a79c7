namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Marks a method of an area's <c>&lt;Area&gt;Store</c> that other areas may call: the owning area's published way to
/// read or write its own tables (<c>CasesStore.ModelCasesAsync</c>, <c>CaseFeedStore.AppendAsync</c>). Everything else in a
/// store (its SQL texts, its other methods) is the area's own; <c>CrossAreaStoreTests</c> fails when another area uses it.
/// The types a store declares (row records) may be named anywhere.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
internal sealed class AreaApiAttribute : Attribute;

using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;

namespace Klima.Api.Features.Financing.Programmes;

/// <summary>The SQL the Programmes use cases share.</summary>
internal static class ProgrammesStore
{
    public const string Columns = "id, governance_model_id, parent_programme_id, code, name, description, valid_from, valid_to, version, modified_at";

    /// <summary>All live programmes; the tree is small, so descendants are resolved in memory.</summary>
    public const string All = $"SELECT {Columns} FROM funding_programme WHERE deleted_at IS NULL";

    public static IReadOnlySet<Guid> WithDescendants(IEnumerable<ProgrammeRow> all, Guid root)
    {
        var list = all.ToList();
        var result = new HashSet<Guid> { root };
        var added = true;
        while (added)
        {
            added = false;
            foreach (var p in list.Where(p => p.ParentProgrammeId is { } parent && result.Contains(parent) && !result.Contains(p.Id)))
            {
                result.Add(p.Id);
                added = true;
            }
        }
        return result;
    }
}

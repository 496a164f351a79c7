using Klima.Api.Features.Bodies;
using Klima.Api.Features.Organisations;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>The SQL the GovernanceModels use cases share.</summary>
internal static class GovernanceModelsStore
{
    public const string Columns = """
        id, code, name, description, valid_from, valid_to, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;
}

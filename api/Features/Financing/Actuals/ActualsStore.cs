using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;

namespace Klima.Api.Features.Financing.Actuals;

/// <summary>The SQL the Actuals use cases share.</summary>
internal static class ActualsStore
{
    public const string Select = """
        SELECT a.id, a.budget_id, a.period_from, a.period_to, a.cost_type, a.payer_id, p.code AS payer_code, a.amount_ore, a.is_adjustment,
               a.booked_on, a.reference, a.note, a.version, a.modified_at
        FROM budget_actual a JOIN funding_payer p ON p.id = a.payer_id
        WHERE a.deleted_at IS NULL
        """;
}

namespace Klima.Api.Domain.Financing;

/// <summary>Budget against actual for one row of a report: the variance is what is left (negative = overspent).</summary>
public readonly record struct BudgetVsActual(Money Budget, Money Actual)
{
    public Money Variance => Budget - Actual;

    /// <summary>Actual as a share of budget in basis points (10000 = 100%), rounded half away from zero; null when nothing was budgeted.</summary>
    public long? UtilisationBasisPoints =>
        Budget.Ore == 0 ? null : (long)Math.Round((decimal)Actual.Ore * Allocation.WholeInBasisPoints / Budget.Ore, MidpointRounding.AwayFromZero);

    public static BudgetVsActual operator +(BudgetVsActual a, BudgetVsActual b) => new(a.Budget + b.Budget, a.Actual + b.Actual);
}

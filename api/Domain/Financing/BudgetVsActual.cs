namespace Klima.Api.Domain.Financing;

/// <summary>Budget against actual for one row of a report: the variance is what is left (negative = overspent).</summary>
public readonly record struct BudgetVsActual(Money Budget, Money Actual)
{
    public Money Variance => Budget - Actual;

    /// <summary>
    /// Actual as a share of budget in basis points (10000 = 100%), rounded down, so that 10000 means fully used (799,999.99 of
    /// 800,000.00 kr. is 9999, "99.99 %", not "100 %"); null when nothing was budgeted.
    /// </summary>
    public long? UtilisationBasisPoints =>
        Budget.Ore == 0 ? null : (long)Math.Floor((decimal)Actual.Ore * Allocation.WholeInBasisPoints / Budget.Ore);

    public static BudgetVsActual operator +(BudgetVsActual a, BudgetVsActual b) => new(a.Budget + b.Budget, a.Actual + b.Actual);
}

namespace Klima.Api.Domain.Financing;

public enum BudgetVersionStatus
{
    /// <summary>Being prepared; never in force.</summary>
    Draft,
    /// <summary>The first version a decision approved.</summary>
    Approved,
    /// <summary>A later version approved to replace an earlier one.</summary>
    Revised,
}

/// <summary>What the in-force rule needs to know about a budget version.</summary>
public sealed record BudgetVersionInfo(int Number, BudgetVersionStatus Status, DateOnly? EffectiveFrom);

public static class BudgetVersions
{
    /// <summary>
    /// The version in force on <paramref name="asOf"/>: of the approved or revised versions whose effective date is on
    /// or before that day, the one with the latest effective date (the highest number when two share a date).
    /// Null when none was in force yet.
    /// </summary>
    public static BudgetVersionInfo? InForce(IEnumerable<BudgetVersionInfo> versions, DateOnly asOf) =>
        versions
            .Where(v => v.Status != BudgetVersionStatus.Draft && v.EffectiveFrom is not null && v.EffectiveFrom.Value <= asOf)
            .OrderByDescending(v => v.EffectiveFrom)
            .ThenByDescending(v => v.Number)
            .FirstOrDefault();

    /// <summary>The version a new approval revises: the approved or revised version with the latest effective date (the highest number on a tie).</summary>
    public static BudgetVersionInfo? Revised(IEnumerable<BudgetVersionInfo> versions) =>
        versions.Where(v => v.Status != BudgetVersionStatus.Draft && v.EffectiveFrom is not null)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Number).FirstOrDefault();

    /// <summary>
    /// A revision cannot take effect before the version it revises (it would be in force before the original and never after
    /// it); the same day is allowed, and the higher number then wins.
    /// </summary>
    public static bool TakesEffectInOrder(IEnumerable<BudgetVersionInfo> versions, DateOnly effectiveFrom) =>
        Revised(versions) is not { EffectiveFrom: { } revised } || effectiveFrom >= revised;

    /// <summary>Approving a draft makes it "approved" when nothing was approved before, otherwise "revised".</summary>
    public static BudgetVersionStatus StatusOnApproval(IEnumerable<BudgetVersionInfo> versions) =>
        versions.Any(v => v.Status != BudgetVersionStatus.Draft) ? BudgetVersionStatus.Revised : BudgetVersionStatus.Approved;
}

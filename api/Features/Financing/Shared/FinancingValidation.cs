using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;

namespace Klima.Api.Features.Financing.Shared;

internal static class FinancingValidation
{
    public const string PeriodMessage = "A budget period is a year (\"2023\") or a half-year (\"2023-H1\", \"2023-H2\").";

    public static IRuleBuilderOptions<T, string> BudgetPeriod<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().Must(p => Period.TryParseBudgetPeriod(p, out _)).WithMessage(_ => Infrastructure.Localization.Messages.Get("Financing.BudgetPeriod"));

    public static Period ParsePeriod(string label) =>
        Period.TryParseBudgetPeriod(label, out var period) ? period : throw new ArgumentException(PeriodMessage, nameof(label));

    /// <summary>Field-level failures found only after reading the database (a period outside its programme) go back like shape failures: 400, field by field.</summary>
    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);

    public static ValidationException Invalid(IEnumerable<ValidationFailure> failures) => new(failures);

    public static string Describe(Period period) =>
        $"{period.From:yyyy-MM-dd} to {(period.To is null ? "open end" : period.To.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}";
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Klima.Api.Features.WorkPlan;

namespace Klima.Api.Features.Reports;

/// <summary>
/// A status report on activity and economy for one governance model and a half-open period [from, to). Every figure
/// is the answer of a query the API also serves (work plan progress, case and financing rollups), sent through the
/// mediator, so a report never disagrees with the API it was made from.
/// </summary>
public sealed record StatusReport
{
    public const int CurrentSchemaVersion = 1;

    public required int SchemaVersion { get; init; }
    public required ReportModelRef GovernanceModel { get; init; }
    /// <summary>First day of the period.</summary>
    public required DateOnly From { get; init; }
    /// <summary>Exclusive end of the period (2023-07-01 for the 1st half of 2023).</summary>
    public required DateOnly To { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>Sections that could not be made from this installation's data, and why.</summary>
    public required IReadOnlyList<ReportNote> Notes { get; init; }
    /// <summary>Activity: cases, decisions, overdue steps and meetings; null in reports issued before the section existed.</summary>
    public ActivitySection? Activity { get; init; }
    /// <summary>Economy: staffing now; null in reports issued before the section existed.</summary>
    public EconomySection? Economy { get; init; }
    public required GetWorkPlanProgress.WorkPlanProgress WorkPlan { get; init; }
}

public sealed record EconomySection
{
    /// <summary>The model's programmes with commitments and grant totals (null before financing was part of the report).</summary>
    public IReadOnlyList<ProgrammeEconomy>? Programmes { get; init; }
    /// <summary>Budget against actual per programme, period and payer, for budget periods overlapping the report's period.</summary>
    public IReadOnlyList<BudgetRow>? Budget { get; init; }
    public BudgetTotals? BudgetTotals { get; init; }
    /// <summary>Budget versions in force on this day (the period's last day) were used.</summary>
    public DateOnly? BudgetAsOf { get; init; }
    public IReadOnlyList<GrantEntry>? Grants { get; init; }
    public required StaffingSection Staffing { get; init; }
}

/// <summary>Where a staff position lies relative to the report's period.</summary>
public enum PeriodTiming
{
    BeforePeriod,
    InPeriod,
    AfterPeriod,
}

/// <summary>The governance model's secretariat positions (from the staff register), with FTE in and after the period.</summary>
public sealed record StaffingSection(decimal FteInPeriod, decimal FteAfterPeriod, IReadOnlyList<StaffingPosition> Positions);

public sealed record StaffingPosition(Guid Id, string Title, string BodyName, string EmployerName, decimal Fte, DateOnly? ValidFrom,
    DateOnly? ValidTo, PeriodTiming Timing, string? DailyManagerRole, string? FundingProgrammeCode = null, decimal? AnnualCost = null);

public sealed record ReportModelRef(Guid Id, string Code, string Name);

public sealed record ReportNote(string Section, string Da, string En);

/// <summary>An issued report: its stored content is returned as it was when issued, whatever happened to the data since.</summary>
public sealed record IssuedReportResponse
{
    public required Guid Id { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required string IssuedBy { get; init; }
    /// <summary>SHA-256 of the stored JSON, hex: shows the content has not changed since issue.</summary>
    public required string ContentSha256 { get; init; }
    public required StatusReport Report { get; init; }
}

public sealed record IssuedReportSummary
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required string Title { get; init; }
    public required DateOnly PeriodFrom { get; init; }
    public required DateOnly PeriodTo { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required string IssuedBy { get; init; }
    public required string ContentSha256 { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

/// <summary>JSON for stored reports: the API's own conventions, tolerant of fields a later schema version dropped.</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    public static string Serialize(StatusReport report) => JsonSerializer.Serialize(report, Options);

    public static StatusReport Deserialize(string json) => JsonSerializer.Deserialize<StatusReport>(json, Options)
        ?? throw new JsonException("An issued report's stored content is empty.");
}

using System.Data.Common;
using System.Globalization;
using Klima.Api.Domain.Routing;

namespace Klima.Api.Features.Cases;

/// <summary>
/// Reads the cases list's rows column by column with the reader's typed getters (issue 19: the cases page): no boxed
/// values through Dapper's type handlers, and a step's texts only when its case's status can show them. Values come out
/// as the type handlers (<see cref="Infrastructure.Data.TypeHandlers"/>) make them: on SQLite ids, dates and times are
/// text (times read as UTC), on SQL Server the provider's own types.
/// </summary>
/// <param name="reader">The open reader.</param>
/// <param name="text">Whether ids, dates and times are stored as text (SQLite).</param>
internal readonly struct ListCasesReader(DbDataReader reader, bool text)
{

    /// <summary>A row of the list's case query, in its column order (ListCases.Handler).</summary>
    public ListCases.CaseSummary Case() => new()
    {
        Id = Guid(0),
        CaseNumber = reader.GetString(1),
        GovernanceModelId = Guid(2),
        Title = reader.GetString(3),
        Interest = reader.GetString(4),
        SourceSystem = reader.IsDBNull(5) ? null : reader.GetString(5),
        ExternalReference = reader.IsDBNull(6) ? null : reader.GetString(6),
        OwnerOrganisationId = reader.IsDBNull(7) ? null : Guid(7),
        Version = reader.GetInt32(8),
        ModifiedAt = Time(9),
        Deleted = reader.GetInt32(10) != 0,
    };

    /// <summary>Adds a row of <see cref="CasesStore.ListStatusStepSelect"/> to its case's status.</summary>
    public void Step(CaseListStatusBuilder status)
    {
        var role = StoredStepText.Role(reader.GetString(2));
        var authoritative = reader.GetBoolean(3);
        var recommended = reader.GetInt32(4) != 0;
        DecisionOutcome? outcome = reader.IsDBNull(5) ? null : StoredStepText.Outcome(reader.GetString(5));
        // Only a step that is not done can be overdue or awaited: a done step's deadline and texts stay unread.
        var done = StepCompletion.IsDone(role, authoritative, recommended, outcome);
        DateOnly? deadline = done || reader.IsDBNull(6) ? null : Date(6);
        var needs = status.Add(reader.GetInt32(1), role, authoritative, recommended, outcome, deadline);
        if ((needs & CaseListStatusBuilder.Needs.StageName) != 0)
        {
            status.StageName(reader.GetString(7));
        }
        if ((needs & CaseListStatusBuilder.Needs.Reference) != 0)
        {
            status.Awaits(new StepRef(Guid(8), Guid(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), role, deadline,
                reader.IsDBNull(12) ? null : Date(12)));
        }
    }

    public Guid Guid(int ordinal) => reader.GetGuid(ordinal);

    private DateTimeOffset Time(int ordinal) => text
        ? DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : reader.GetValue(ordinal) switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            var value => ((DateTimeOffset)value).ToUniversalTime(),
        };

    private DateOnly Date(int ordinal)
    {
        if (text)
        {
            var text = reader.GetString(ordinal);
            return DateOnly.Parse(text.AsSpan(0, Math.Min(10, text.Length)), CultureInfo.InvariantCulture);
        }
        return reader.GetValue(ordinal) switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            var value => (DateOnly)value,
        };
    }
}

/// <summary>A step's role and outcome as the typed readers (the cases page, the status report) read them from their stored text.</summary>
internal static class StoredStepText
{
    // The stored names (camel case, as the steps are written); anything else as Enum.Parse reads it, as StepRow does.
    public static StepRole Role(string text) => text switch
    {
        "orientation" => StepRole.Orientation,
        "discussion" => StepRole.Discussion,
        "recommendation" => StepRole.Recommendation,
        "decision" => StepRole.Decision,
        "consultation" => StepRole.Consultation,
        "approval" => StepRole.Approval,
        _ => Enum.Parse<StepRole>(text, ignoreCase: true),
    };

    public static DecisionOutcome Outcome(string text) => text switch
    {
        "approved" => DecisionOutcome.Approved,
        "approvedWithChanges" => DecisionOutcome.ApprovedWithChanges,
        "rejected" => DecisionOutcome.Rejected,
        "postponed" => DecisionOutcome.Postponed,
        "referred" => DecisionOutcome.Referred,
        "noted" => DecisionOutcome.Noted,
        _ => Enum.Parse<DecisionOutcome>(text, ignoreCase: true),
    };
}

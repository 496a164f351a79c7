using System.Data.Common;
using System.Globalization;
using Klima.Api.Domain.Routing;

namespace Klima.Api.Features.Cases;

/// <summary>
/// Reads <see cref="CasesStore.ModelSteps"/> one row at a time, column by column with the reader's typed getters (issue 19:
/// the status report over 100,000 cases). What every row needs (case, body, meeting, outcome, dates) is read when the row
/// is; what only a listed entry needs (step id, role, ordinals, texts, the case's number and title) is read when asked
/// for, and a case's columns once per case. Values come out as the type handlers (<see cref="Infrastructure.Data.TypeHandlers"/>)
/// make them (an unknown role or outcome read as Enum.Parse reads it): on SQLite ids, dates and times are text (times read as UTC), on SQL Server the
/// provider's own types. Body names come from a dictionary read before the steps (a body's name, as the join gave it; ""
/// for a body that is gone).
/// </summary>
internal sealed class ModelStepCursor(DbCommand command, bool text, IReadOnlyDictionary<Guid, string> bodyNames) : IAsyncDisposable
{
    // The column order of CasesStore.ModelStepsSql.
    private const int CaseIdColumn = 0, CaseNumberColumn = 1, TitleColumn = 2, CreatedAtColumn = 3, StepIdColumn = 4, StageOrdinalColumn = 5,
        OrdinalColumn = 6, BodyIdColumn = 7, RoleColumn = 8, DeadlineColumn = 9, MeetingIdColumn = 10, MeetingDateColumn = 11,
        OutcomeColumn = 12, DecisionTextColumn = 13, DecidedOnColumn = 14, DecidedAtColumn = 15;

    private DbDataReader? _reader;
    private bool _started;
    private string? _caseNumber;
    private string? _title;

    public Guid CaseId { get; private set; }
    /// <summary>The case's creation time (read once per case).</summary>
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Whether this row starts a case (rows come in case order).</summary>
    public bool NewCase { get; private set; }
    /// <summary>Whether the row is a step (false for a case without steps).</summary>
    public bool HasStep { get; private set; }
    public Guid BodyId { get; private set; }
    public Guid? MeetingId { get; private set; }
    public DateOnly? MeetingDate { get; private set; }
    public DecisionOutcome? OutcomeValue { get; private set; }
    public DateOnly? Deadline { get; private set; }
    /// <summary>The decision date entered with the outcome; null without one (and for a step without an outcome, not read).</summary>
    public DateOnly? DecidedOn { get; private set; }

    public string CaseNumber => _caseNumber ??= Reader.GetString(CaseNumberColumn);
    public string Title => _title ??= Reader.GetString(TitleColumn);
    public Guid StepId => Reader.GetGuid(StepIdColumn);
    public int StageOrdinal => Reader.GetInt32(StageOrdinalColumn);
    public int Ordinal => Reader.GetInt32(OrdinalColumn);
    public StepRole RoleValue => StoredStepText.Role(Reader.GetString(RoleColumn));
    public string? DecisionText => Reader.IsDBNull(DecisionTextColumn) ? null : Reader.GetString(DecisionTextColumn);
    public DateTimeOffset? DecidedAt => Reader.IsDBNull(DecidedAtColumn) ? null : Time(DecidedAtColumn);
    public string BodyName => bodyNames.GetValueOrDefault(BodyId, "");

    private DbDataReader Reader => _reader ?? throw new InvalidOperationException("ReadAsync first.");

    /// <summary>Moves to the next row; false at the end.</summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _reader ??= await command.ExecuteReaderAsync(cancellationToken);
        if (!await _reader.ReadAsync(cancellationToken))
        {
            return false;
        }
        var caseId = _reader.GetGuid(CaseIdColumn);
        NewCase = !_started || caseId != CaseId;
        _started = true;
        if (NewCase)
        {
            CaseId = caseId;
            _caseNumber = null;
            _title = null;
            CreatedAt = Time(CreatedAtColumn);
        }
        HasStep = !_reader.IsDBNull(StepIdColumn);
        if (!HasStep)
        {
            BodyId = default;
            MeetingId = null;
            MeetingDate = null;
            OutcomeValue = null;
            Deadline = null;
            DecidedOn = null;
            return true;
        }
        BodyId = _reader.GetGuid(BodyIdColumn);
        // A step without a meeting has no meeting date, and one without an outcome no decision date to read.
        MeetingId = _reader.IsDBNull(MeetingIdColumn) ? null : _reader.GetGuid(MeetingIdColumn);
        MeetingDate = MeetingId is null || _reader.IsDBNull(MeetingDateColumn) ? null : Date(MeetingDateColumn);
        OutcomeValue = _reader.IsDBNull(OutcomeColumn) ? null : StoredStepText.Outcome(_reader.GetString(OutcomeColumn));
        Deadline = _reader.IsDBNull(DeadlineColumn) ? null : Date(DeadlineColumn);
        DecidedOn = OutcomeValue is null || _reader.IsDBNull(DecidedOnColumn) ? null : Date(DecidedOnColumn);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync();
        }
        await command.DisposeAsync();
    }

    private DateTimeOffset Time(int ordinal) => text
        ? ParseTime(Reader.GetString(ordinal))
        : Reader.GetValue(ordinal) switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            var value => ((DateTimeOffset)value).ToUniversalTime(),
        };

    private DateOnly Date(int ordinal)
    {
        if (text)
        {
            return ParseDate(Reader.GetString(ordinal));
        }
        return Reader.GetValue(ordinal) switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            var value => (DateOnly)value,
        };
    }

    /// <summary>
    /// A stored date: "yyyy-MM-dd" (anything after the 10th character, such as a time, ignored, as the type handler does) read
    /// digit by digit; any other form as DateOnly.Parse reads it.
    /// </summary>
    internal static DateOnly ParseDate(string value)
    {
        var s = value.AsSpan(0, Math.Min(10, value.Length));
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s[..4], out var year) && Digits(s.Slice(5, 2), out var month) && Digits(s.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }
        return DateOnly.Parse(s, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A stored time: the store's own form (<see cref="Infrastructure.Data.TypeHandlers.TimestampFormat"/>, UTC, 28 characters)
    /// read digit by digit; any other form as the type handler reads it (assumed UTC, converted to UTC).
    /// </summary>
    internal static DateTimeOffset ParseTime(string value)
    {
        var s = value.AsSpan();
        if (s.Length == 28 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == '.' && s[27] == 'Z'
            && Digits(s.Slice(11, 2), out var hour) && Digits(s.Slice(14, 2), out var minute) && Digits(s.Slice(17, 2), out var second)
            && Digits(s.Slice(20, 7), out var ticks) && hour < 24 && minute < 60 && second < 60 && IsDate(s[..10]))
        {
            var day = ParseDate(value);
            return new DateTimeOffset(day.Year, day.Month, day.Day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        }
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static bool IsDate(ReadOnlySpan<char> s) => s[4] == '-' && s[7] == '-' && Digits(s[..4], out _) && Digits(s.Slice(5, 2), out _) && Digits(s.Slice(8, 2), out _);

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Klima.Api.Features.WorkPlan;

namespace Klima.Api.Features.Reports;

/// <summary>
/// Renders a status report as one self-contained, printable HTML page (inline CSS and SVG charts, no scripts, no
/// external resources), Danish first with English beside it. The same page is what headless chromium prints to PDF,
/// so the PDF shows exactly the report's figures.
/// </summary>
internal static class StatusReportHtml
{

    /// <summary>Who issued a frozen report, and when; null for a live report.</summary>
    public sealed record Issue(string Title, DateTimeOffset IssuedAt, string IssuedBy, string ContentSha256);

    public static string Render(StatusReport report, Issue? issue)
    {
        var html = new StringBuilder(32_000);
        var title = issue?.Title ?? $"Statusrapport {report.GovernanceModel.Name}";
        html.Append("<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>").Append(Css).Append("</style></head><body>");

        html.Append("<header><p class=\"kicker\">Statusrapport om aktivitet og økonomi <span class=\"en\">Status report on activity and economy</span></p>");
        html.Append("<h1>").Append(E(report.GovernanceModel.Name)).Append("</h1>");
        html.Append("<p class=\"period\">").Append(E(PeriodDa(report.From, report.To))).Append(" <span class=\"en\">").Append(E(PeriodEn(report.From, report.To))).Append("</span></p>");
        html.Append("<dl class=\"meta\">");
        if (issue is not null)
        {
            Meta(html, "Udstedt (frosset)", "Issued (frozen)", $"{Text.DateTimeDa(issue.IssuedAt)} UTC · {issue.IssuedBy}");
            Meta(html, "Titel", "Title", issue.Title);
        }
        else
        {
            Meta(html, "Dannet", "Generated", $"{Text.DateTimeDa(report.GeneratedAt)} UTC (ikke frosset · not frozen)");
        }
        Meta(html, "Perioden", "Period", $"[{report.From:yyyy-MM-dd}, {report.To:yyyy-MM-dd})");
        html.Append("</dl></header>");

        foreach (var note in report.Notes)
        {
            html.Append("<p class=\"note\">").Append(E(note.Da)).Append(" <span class=\"en\">").Append(E(note.En)).Append("</span></p>");
        }

        if (report.Activity is { } activity)
        {
            ActivitySection(html, activity);
        }
        if (report.Economy is { } economy)
        {
            EconomySection(html, economy);
        }
        WorkPlanSection(html, report.WorkPlan);

        html.Append("<footer>Tal fra Klima-API'ets egne forespørgsler · Figures from the Klima API's own queries");
        if (issue is not null)
        {
            html.Append(" · SHA-256 ").Append(E(issue.ContentSha256[..16])).Append('…');
        }
        html.Append("</footer></body></html>");
        return html.ToString();
    }

    private static void ActivitySection(StringBuilder html, ActivitySection activity)
    {
        html.Append("<section><h2>Aktivitet <span class=\"en\">Activity</span></h2><div class=\"tiles\">");
        Tile(html, activity.Totals.CasesOpened, "sager oprettet", "cases opened");
        Tile(html, activity.Totals.StepsTreated, "behandlinger i organer", "treatments in bodies");
        Tile(html, activity.Totals.Decisions, "beslutninger og udfald", "decisions and outcomes");
        Tile(html, activity.Totals.OverdueStepsAtEnd, "forfaldne trin ved periodens udløb", "steps overdue at the period's end");
        Tile(html, activity.Totals.Meetings, "møder i perioden", "meetings in the period");
        Tile(html, activity.Totals.UpcomingMeetings, "kommende møder", "upcoming meetings");
        html.Append("</div>");

        if (activity.Bodies.Count > 0)
        {
            html.Append("<h3>Sager pr. organ <span class=\"en\">Cases per body</span></h3>");
            html.Append(BarChart(activity.Bodies.Select(b => (b.BodyName, (decimal)b.StepsTreated, "#1565c0")).ToList(),
                v => v.ToString("0", CultureInfo.InvariantCulture), "Behandlinger pr. organ / Treatments per body"));
            html.Append("<table><thead><tr>");
            Th(html, "Organ", "Body"); Th(html, "Sager oprettet", "Cases opened", "num"); Th(html, "Behandlet", "Treated", "num"); Th(html, "Beslutninger", "Decisions", "num");
            html.Append("</tr></thead><tbody>");
            foreach (var b in activity.Bodies)
            {
                html.Append("<tr><td>").Append(E(b.BodyName)).Append("</td><td class=\"num\">").Append(b.CasesOpened).Append("</td><td class=\"num\">")
                    .Append(b.StepsTreated).Append("</td><td class=\"num\">").Append(b.Decisions).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }

        html.Append("<h3>Beslutninger med udfald <span class=\"en\">Decisions with outcomes</span></h3>");
        if (activity.Decisions.Count == 0)
        {
            html.Append("<p class=\"empty\">Ingen beslutninger i perioden <span class=\"en\">No decisions in the period</span></p>");
        }
        else
        {
            html.Append("<table><thead><tr>");
            Th(html, "Dato", "Date"); Th(html, "Organ", "Body"); Th(html, "Sag", "Case"); Th(html, "Udfald", "Outcome"); Th(html, "Beslutning", "Decision");
            html.Append("</tr></thead><tbody>");
            foreach (var d in activity.Decisions)
            {
                html.Append("<tr><td>").Append(E(Text.ShortDa(d.DecidedOn)));
                if (d.DateIsRecordedDate) html.Append("<br><span class=\"small\">registreret · recorded</span>");
                html.Append("</td><td>").Append(E(d.BodyName)).Append("<br><span class=\"small\">").Append(E(RoleDa(d.Role))).Append(" · ").Append(E(d.Role.ToString()))
                    .Append("</span></td><td>").Append(E(d.CaseNumber)).Append("<br>").Append(E(d.CaseTitle)).Append("</td><td><strong>").Append(E(OutcomeDa(d.Outcome)))
                    .Append("</strong><br><span class=\"en\">").Append(E(OutcomeEn(d.Outcome))).Append("</span></td><td class=\"small\">").Append(E(Shorten(d.Text, 260))).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }

        html.Append("<h3>Forfaldne trin ved periodens udløb <span class=\"en\">Steps overdue at the period's end</span></h3>");
        if (activity.OverdueSteps.Count == 0)
        {
            html.Append("<p class=\"empty\">Ingen <span class=\"en\">None</span></p>");
        }
        else
        {
            html.Append("<table><thead><tr>");
            Th(html, "Frist", "Deadline"); Th(html, "Organ", "Body"); Th(html, "Sag", "Case");
            html.Append("</tr></thead><tbody>");
            foreach (var o in activity.OverdueSteps)
            {
                html.Append("<tr><td>").Append(E(Text.ShortDa(o.Deadline))).Append("</td><td>").Append(E(o.BodyName)).Append("</td><td>")
                    .Append(E(o.CaseNumber)).Append(' ').Append(E(o.CaseTitle)).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }

        Meetings(html, activity.MeetingsHeld, "Møder i perioden", "Meetings in the period");
        Meetings(html, activity.UpcomingMeetings, $"Kommende møder (til {Text.ShortDa(activity.UpcomingUntil.AddDays(-1))})",
            $"Upcoming meetings (until {Text.LongEn(activity.UpcomingUntil.AddDays(-1))})");
        html.Append("</section>");
    }

    private static void Meetings(StringBuilder html, IReadOnlyList<MeetingEntry> meetings, string da, string en)
    {
        html.Append("<h3>").Append(E(da)).Append(" <span class=\"en\">").Append(E(en)).Append("</span></h3>");
        if (meetings.Count == 0)
        {
            html.Append("<p class=\"empty\">Ingen <span class=\"en\">None</span></p>");
            return;
        }
        html.Append("<table><thead><tr>");
        Th(html, "Dato", "Date"); Th(html, "Organ", "Body"); Th(html, "Møde", "Meeting"); Th(html, "Sagstrin", "Case steps", "num");
        html.Append("</tr></thead><tbody>");
        foreach (var m in meetings)
        {
            html.Append("<tr><td>").Append(E(Text.ShortDa(m.Date))).Append("</td><td>").Append(E(m.BodyName)).Append("</td><td>").Append(E(m.Title ?? "–"));
            if (m.State == Klima.Api.Features.Meetings.MeetingState.Cancelled) html.Append(" <span class=\"small\">(aflyst · cancelled)</span>");
            html.Append("</td><td class=\"num\">").Append(m.CaseSteps).Append("</td></tr>");
        }
        html.Append("</tbody></table>");
    }

    private static string Shorten(string? text, int max) =>
        text is null ? "" : text.Length <= max ? text : text[..max].TrimEnd() + "…";

    private static string OutcomeDa(Domain.Routing.DecisionOutcome outcome) => outcome switch
    {
        Domain.Routing.DecisionOutcome.Approved => "Godkendt",
        Domain.Routing.DecisionOutcome.ApprovedWithChanges => "Godkendt med ændringer",
        Domain.Routing.DecisionOutcome.Rejected => "Afvist",
        Domain.Routing.DecisionOutcome.Postponed => "Udsat",
        Domain.Routing.DecisionOutcome.Referred => "Henvist",
        Domain.Routing.DecisionOutcome.Noted => "Taget til efterretning",
        _ => outcome.ToString(),
    };

    private static string OutcomeEn(Domain.Routing.DecisionOutcome outcome) => outcome switch
    {
        Domain.Routing.DecisionOutcome.Approved => "Approved",
        Domain.Routing.DecisionOutcome.ApprovedWithChanges => "Approved with changes",
        Domain.Routing.DecisionOutcome.Rejected => "Rejected",
        Domain.Routing.DecisionOutcome.Postponed => "Postponed",
        Domain.Routing.DecisionOutcome.Referred => "Referred",
        Domain.Routing.DecisionOutcome.Noted => "Noted",
        _ => outcome.ToString(),
    };

    private static string RoleDa(Domain.Routing.StepRole role) => role switch
    {
        Domain.Routing.StepRole.Orientation => "Orientering",
        Domain.Routing.StepRole.Discussion => "Drøftelse",
        Domain.Routing.StepRole.Recommendation => "Indstilling",
        Domain.Routing.StepRole.Decision => "Beslutning",
        Domain.Routing.StepRole.Consultation => "Høring",
        Domain.Routing.StepRole.Approval => "Godkendelse",
        _ => role.ToString(),
    };

    private static string GrantDa(Domain.Financing.GrantState state) => state switch
    {
        Domain.Financing.GrantState.Reserved => "Reserveret",
        Domain.Financing.GrantState.Released => "Frigivet",
        Domain.Financing.GrantState.Spent => "Forbrugt",
        Domain.Financing.GrantState.Closed => "Afsluttet",
        _ => state.ToString(),
    };

    private static void EconomySection(StringBuilder html, EconomySection economy)
    {
        html.Append("<section><h2>Økonomi <span class=\"en\">Economy</span></h2>");
        if (economy.Programmes is { Count: > 0 } programmes)
        {
            html.Append("<h3>Programmer, tilsagn og bevillinger <span class=\"en\">Programmes, commitments and grants</span></h3><table><thead><tr>");
            Th(html, "Program", "Programme"); Th(html, "Periode", "Period"); Th(html, "Disponeret", "Committed", "num"); Th(html, "Årsværk", "FTE", "num");
            Th(html, "Reserveret", "Reserved", "num"); Th(html, "Frigivet", "Released", "num"); Th(html, "Forbrugt", "Spent", "num");
            html.Append("</tr></thead><tbody>");
            foreach (var p in programmes)
            {
                html.Append("<tr><td>").Append(E(p.Name)).Append("<br><span class=\"small\">").Append(E(p.Code)).Append("</span>");
                foreach (var c in p.Commitments)
                {
                    html.Append("<br><span class=\"small\">· ").Append(E(c.PayerName)).Append(": ")
                        .Append(E(c.Amount is { } a ? Kroner(a) : c.Fte is { } f ? Text.Fte(f) + " årsværk" : "–")).Append("</span>");
                }
                html.Append("</td><td>").Append(E(Timing(p.ValidFrom, p.ValidTo, null))).Append("</td><td class=\"num\">").Append(E(Kroner(p.Committed)))
                    .Append("</td><td class=\"num\">").Append(E(p.CommittedFte is { } fte ? Text.Fte(fte) : "–"))
                    .Append("</td><td class=\"num\">").Append(E(Kroner(p.GrantsReserved))).Append("</td><td class=\"num\">").Append(E(Kroner(p.GrantsReleased)))
                    .Append("</td><td class=\"num\">").Append(E(Kroner(p.GrantsSpent))).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        if (economy.Budget is { } budget && economy.BudgetTotals is { } totals)
        {
            html.Append("<h3>Budget og forbrug <span class=\"en\">Budget and actual</span></h3>");
            if (budget.Count == 0)
            {
                html.Append("<p class=\"empty\">Ingen budgetlinjer overlapper perioden <span class=\"en\">No budget lines overlap the period</span></p>");
            }
            else
            {
                var perProgramme = budget.GroupBy(b => b.ProgrammeCode).Select(g => (g.Key, Budget: g.Sum(b => b.Budget), Actual: g.Sum(b => b.Actual))).ToList();
                html.Append(BarChart(perProgramme.SelectMany(p => new[] { ($"{p.Key} · budget", p.Budget, "#6a8caf"), ($"{p.Key} · forbrug/actual", p.Actual, "#2e7d32") }).ToList(),
                    v => Kroner(v), "Budget og forbrug pr. program / Budget and actual per programme"));
                html.Append("<table><thead><tr>");
                Th(html, "Program", "Programme"); Th(html, "Periode", "Period"); Th(html, "Betaler", "Payer");
                Th(html, "Budget", "Budget", "num"); Th(html, "Forbrug", "Actual", "num"); Th(html, "Rest", "Variance", "num");
                html.Append("</tr></thead><tbody>");
                foreach (var b in budget)
                {
                    html.Append("<tr><td>").Append(E(b.ProgrammeCode)).Append("</td><td>").Append(E(b.PeriodLabel)).Append("</td><td>").Append(E(b.PayerName ?? "–"))
                        .Append("</td><td class=\"num\">").Append(E(Kroner(b.Budget))).Append("</td><td class=\"num\">").Append(E(Kroner(b.Actual)))
                        .Append("</td><td class=\"num\">").Append(E(Kroner(b.Variance))).Append("</td></tr>");
                }
                html.Append("<tr><th colspan=\"3\">I alt <span class=\"en\">Total</span></th><th class=\"num\">").Append(E(Kroner(totals.Budget)))
                    .Append("</th><th class=\"num\">").Append(E(Kroner(totals.Actual))).Append("</th><th class=\"num\">").Append(E(Kroner(totals.Variance))).Append("</th></tr>");
                html.Append("</tbody></table>");
                if (economy.BudgetAsOf is { } asOf)
                {
                    html.Append("<p class=\"small\">Budgetversioner gældende ").Append(E(Text.ShortDa(asOf))).Append("; linjer med fulde beløb, når deres periode overlapper rapportens. ")
                        .Append("<span class=\"en\">Budget versions in force on ").Append(E(Text.LongEn(asOf))).Append("; lines with whole amounts when their period overlaps the report's.</span></p>");
                }
            }
        }
        if (economy.Grants is { } grants)
        {
            html.Append("<h3>Bevillinger og deres tilstand <span class=\"en\">Grants and their states</span></h3>");
            if (grants.Count == 0)
            {
                html.Append("<p class=\"empty\">Ingen bevillinger <span class=\"en\">No grants</span></p>");
            }
            else
            {
                html.Append("<table><thead><tr>");
                Th(html, "Bevilling", "Grant"); Th(html, "Program", "Programme"); Th(html, "Betaler", "Payer"); Th(html, "Tilstand", "State");
                Th(html, "Datoer", "Dates"); Th(html, "Beløb", "Amount", "num");
                html.Append("</tr></thead><tbody>");
                foreach (var g in grants)
                {
                    var dates = string.Join(" · ", new[]
                    {
                        g.ReservedOn is { } r ? $"reserveret {Text.ShortDa(r)}" : null,
                        g.ExpectedReleaseOn is { } x ? $"forventes frigivet {Text.ShortDa(x)}" : null,
                        g.ReleasedOn is { } rel ? $"frigivet {Text.ShortDa(rel)}" : null,
                    }.Where(t => t is not null));
                    html.Append("<tr><td>").Append(E(g.Title)).Append("</td><td>").Append(E(g.ProgrammeCode)).Append("</td><td>").Append(E(g.PayerCode))
                        .Append("</td><td>").Append(E(GrantDa(g.State))).Append("<br><span class=\"en\">").Append(E(g.State.ToString())).Append("</span></td><td class=\"small\">")
                        .Append(E(dates.Length == 0 ? "–" : dates)).Append("</td><td class=\"num\">").Append(E(Kroner(g.Amount))).Append("</td></tr>");
                }
                html.Append("</tbody></table>");
            }
        }
        var staffing = economy.Staffing;
        html.Append("<h3>Bemanding <span class=\"en\">Staffing</span></h3><div class=\"tiles\">");
        TileText(html, Text.Fte(staffing.FteInPeriod), "årsværk i perioden", "FTE in the period");
        TileText(html, Text.Fte(staffing.FteAfterPeriod), "årsværk besluttet/planlagt efter perioden", "FTE decided/planned after the period");
        TileText(html, staffing.Positions.Count.ToString(CultureInfo.InvariantCulture), "stillinger", "positions");
        html.Append("</div>");
        if (staffing.Positions.Count == 0)
        {
            html.Append("<p class=\"empty\">Ingen stillinger registreret <span class=\"en\">No positions registered</span></p>");
        }
        else
        {
            html.Append("<table><thead><tr>");
            Th(html, "Stilling", "Position"); Th(html, "Sekretariat", "Secretariat"); Th(html, "Ansat i", "Employer");
            Th(html, "Finansiering", "Funding"); Th(html, "Periode", "Period"); Th(html, "Årsværk", "FTE", "num");
            html.Append("</tr></thead><tbody>");
            foreach (var p in staffing.Positions)
            {
                html.Append("<tr><td>").Append(E(p.Title)).Append("</td><td>").Append(E(p.BodyName)).Append("</td><td>").Append(E(p.EmployerName))
                    .Append("</td><td>").Append(E(p.FundingProgrammeCode ?? "–")).Append(p.AnnualCost is { } cost ? $"<br><span class=\"small\">{E(Kroner(cost))}/år</span>" : "")
                    .Append("</td><td>").Append(E(Timing(p.ValidFrom, p.ValidTo, null)))
                    .Append(p.Timing == PeriodTiming.AfterPeriod ? "<br><span class=\"small\">efter perioden · after the period</span>" : "")
                    .Append("</td><td class=\"num\">").Append(E(Text.Fte(p.Fte))).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        html.Append("</section>");
    }

    private static void WorkPlanSection(StringBuilder html, GetWorkPlanProgress.WorkPlanProgress plan)
    {
        html.Append("<section><h2>Arbejdsplan <span class=\"en\">Work plan</span></h2>");
        html.Append("<div class=\"tiles\">");
        Tile(html, plan.Totals.FocusAreas, "fokusområder", "focus areas");
        Tile(html, plan.Totals.Initiatives, "indsatser", "initiatives");
        Tile(html, plan.Totals.Tasks, "opgaver", "tasks");
        Tile(html, plan.Totals.MilestonesDueInPeriod, "milepæle med frist i perioden", "milestones due in the period");
        Tile(html, plan.Totals.MilestonesReachedInPeriod, "milepæle nået i perioden", "milestones reached in the period");
        Tile(html, plan.Totals.MilestonesOverdueAtEnd, "milepæle forfaldne ved periodens udløb", "milestones overdue at the period's end");
        html.Append("</div>");

        html.Append("<h3>Opgaver efter status <span class=\"en\">Tasks by status</span></h3>");
        html.Append(BarChart(plan.Totals.TasksByStatus.Select(s => (StatusDa(s.Status) + " · " + StatusEn(s.Status), (decimal)s.Count, StatusColour(s.Status))).ToList(),
            v => v.ToString("0", CultureInfo.InvariantCulture), "Opgaver efter status / Tasks by status"));

        foreach (var area in plan.FocusAreas)
        {
            html.Append("<h3>").Append(E(area.Name));
            if (area.NameEn is not null)
            {
                html.Append(" <span class=\"en\">").Append(E(area.NameEn)).Append("</span>");
            }
            html.Append("</h3>");
            if (area.Initiatives.Count == 0)
            {
                html.Append("<p class=\"empty\">Ingen indsatser i perioden <span class=\"en\">No initiatives in the period</span></p>");
                continue;
            }
            html.Append("<table><thead><tr>");
            Th(html, "Indsats", "Initiative"); Th(html, "Ansvarlig", "Responsible"); Th(html, "Finansiering", "Funding");
            Th(html, "Status", "Status"); Th(html, "Tid", "Timing"); Th(html, "Opgaver", "Tasks", "num");
            html.Append("</tr></thead><tbody>");
            foreach (var i in area.Initiatives)
            {
                html.Append("<tr><td>").Append(E(i.Name));
                if (i.NameEn is not null) html.Append("<br><span class=\"en\">").Append(E(i.NameEn)).Append("</span>");
                html.Append("</td><td>").Append(E(i.ResponsibleBody?.Name ?? "–")).Append("</td><td>").Append(E(i.FundingProgramme ?? "–"))
                    .Append("</td><td>").Append(StatusBadge(i.Status)).Append("</td><td>").Append(E(Timing(i.StartsOn, i.EndsOn, i.TimingNote)))
                    .Append("</td><td class=\"num\">").Append(i.TaskCount).Append("</td></tr>");
            }
            html.Append("</tbody></table>");

            var tasks = area.Initiatives.SelectMany(i => i.Tasks.Select(t => (Initiative: i, Task: t))).ToList();
            if (tasks.Count > 0)
            {
                html.Append("<table class=\"tasks\"><thead><tr>");
                Th(html, "Opgave", "Task"); Th(html, "Ansvarlig", "Responsible"); Th(html, "Status", "Status"); Th(html, "Milepæle", "Milestones");
                html.Append("</tr></thead><tbody>");
                foreach (var (_, t) in tasks)
                {
                    html.Append("<tr><td>").Append(E(t.Title));
                    if (t.TimingNote is not null) html.Append("<br><span class=\"small\">").Append(E(t.TimingNote)).Append("</span>");
                    html.Append("</td><td>").Append(E(t.ResponsibleBody?.Name ?? "–")).Append("</td><td>").Append(StatusBadge(t.Status)).Append("</td><td>");
                    if (t.Milestones.Count == 0) html.Append('–');
                    foreach (var m in t.Milestones)
                    {
                        html.Append("<div class=\"ms ms-").Append(m.State.ToString().ToLowerInvariant()).Append("\">")
                            .Append(E((m.DueOn is { } due ? Text.ShortDa(due) : null) ?? "uden dato")).Append(" – ").Append(E(m.Title))
                            .Append(" <span class=\"small\">(").Append(E(MilestoneDa(m.State))).Append(" · ").Append(E(MilestoneEn(m.State))).Append(")</span></div>");
                    }
                    html.Append("</td></tr>");
                }
                html.Append("</tbody></table>");
            }
        }
        html.Append("<p class=\"small\">Status er opgaveregistreringens aktuelle status, da rapporten blev dannet. ")
            .Append("<span class=\"en\">Status is the work plan's recorded status when the report was made.</span></p>");
        html.Append("</section>");
    }

    /// <summary>A horizontal bar chart as inline SVG, labelled and with a text alternative.</summary>
    internal static string BarChart(IReadOnlyList<(string Label, decimal Value, string Colour)> bars, Func<decimal, string> format, string alt)
    {
        const int labelWidth = 230, barArea = 380, rowHeight = 26, valueWidth = 110;
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var height = Math.Max(1, bars.Count) * rowHeight + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{E(alt)}\" viewBox=\"0 0 {labelWidth + barArea + valueWidth} {height}\" width=\"100%\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, colour) = bars[i];
            var y = i * rowHeight + 2;
            var width = max <= 0 ? 0 : (double)(value / max) * barArea;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"lbl\">{E(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{width:0.#}\" height=\"{rowHeight - 8}\" fill=\"{colour}\" rx=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6:0.#}\" y=\"{y + 17}\" class=\"val\">{E(format(value))}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    internal static string StatusDa(WorkStatus status) => status switch
    {
        WorkStatus.NotReported => "Ikke rapporteret",
        WorkStatus.Planned => "Planlagt",
        WorkStatus.InProgress => "I gang",
        WorkStatus.Done => "Udført",
        WorkStatus.OnHold => "Sat i bero",
        WorkStatus.Cancelled => "Aflyst",
        _ => status.ToString(),
    };

    internal static string StatusEn(WorkStatus status) => status switch
    {
        WorkStatus.NotReported => "Not reported",
        WorkStatus.Planned => "Planned",
        WorkStatus.InProgress => "In progress",
        WorkStatus.Done => "Done",
        WorkStatus.OnHold => "On hold",
        WorkStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    private static string StatusColour(WorkStatus status) => status switch
    {
        WorkStatus.Done => "#2e7d32",
        WorkStatus.InProgress => "#1565c0",
        WorkStatus.Planned => "#6a8caf",
        WorkStatus.OnHold => "#ef6c00",
        WorkStatus.Cancelled => "#8d6e63",
        _ => "#9e9e9e",
    };

    private static string MilestoneDa(GetWorkPlanProgress.MilestoneState state) => state switch
    {
        GetWorkPlanProgress.MilestoneState.Reached => "nået",
        GetWorkPlanProgress.MilestoneState.Overdue => "forfalden, ikke registreret som nået",
        GetWorkPlanProgress.MilestoneState.Upcoming => "kommende",
        _ => "uden dato",
    };

    private static string MilestoneEn(GetWorkPlanProgress.MilestoneState state) => state switch
    {
        GetWorkPlanProgress.MilestoneState.Reached => "reached",
        GetWorkPlanProgress.MilestoneState.Overdue => "due, not recorded as reached",
        GetWorkPlanProgress.MilestoneState.Upcoming => "upcoming",
        _ => "no date",
    };

    private static string StatusBadge(WorkStatus status) =>
        $"<span class=\"badge\" style=\"border-color:{StatusColour(status)}\">{E(StatusDa(status))}<br><span class=\"en\">{E(StatusEn(status))}</span></span>";

    private static string Timing(DateOnly? from, DateOnly? to, string? note)
    {
        var dates = (from, to) switch
        {
            (null, null) => null,
            ({ } f, null) => $"fra {Text.ShortDa(f)}",
            (null, { } t) => $"til {Text.ShortDa(t.AddDays(-1))}",
            ({ } f, { } t) => $"{Text.ShortDa(f)} – {Text.ShortDa(t.AddDays(-1))}",
        };
        return string.Join(" · ", new[] { dates, note }.Where(s => s is not null)) is { Length: > 0 } text ? text : "ikke oplyst";
    }

    internal static string PeriodDa(DateOnly from, DateOnly to) => $"{Text.LongDa(from)} – {Text.LongDa(to.AddDays(-1))}";

    internal static string PeriodEn(DateOnly from, DateOnly to) => $"{Text.LongEn(from)} – {Text.LongEn(to.AddDays(-1))}";

    internal static string Kroner(decimal amount) => Text.Amount(amount) + " kr.";

    private static void Meta(StringBuilder html, string da, string en, string value) =>
        html.Append("<dt>").Append(E(da)).Append(" <span class=\"en\">").Append(E(en)).Append("</span></dt><dd>").Append(E(value)).Append("</dd>");

    private static void Tile(StringBuilder html, int value, string da, string en) =>
        html.Append("<div class=\"tile\"><strong>").Append(value.ToString(CultureInfo.InvariantCulture)).Append("</strong><span>").Append(E(da)).Append("</span><span class=\"en\">").Append(E(en)).Append("</span></div>");

    private static void TileText(StringBuilder html, string value, string da, string en) =>
        html.Append("<div class=\"tile\"><strong>").Append(E(value)).Append("</strong><span>").Append(E(da)).Append("</span><span class=\"en\">").Append(E(en)).Append("</span></div>");

    private static void Th(StringBuilder html, string da, string en, string? cls = null) =>
        html.Append(cls is null ? "<th>" : $"<th class=\"{cls}\">").Append(E(da)).Append("<br><span class=\"en\">").Append(E(en)).Append("</span></th>");

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #1d2b36; margin: 0; line-height: 1.35; }
        header { border-bottom: 3px solid #1b5e20; padding-bottom: 8px; margin-bottom: 12px; }
        .kicker { text-transform: uppercase; letter-spacing: .04em; font-size: 8.5pt; color: #1b5e20; margin: 0; }
        h1 { font-size: 20pt; margin: 4px 0; }
        h2 { font-size: 14pt; margin: 18px 0 8px; border-bottom: 1px solid #c8d3cc; padding-bottom: 3px; color: #1b5e20; break-after: avoid; }
        h3 { font-size: 11pt; margin: 14px 0 6px; break-after: avoid; }
        .period { font-size: 12pt; margin: 2px 0 6px; }
        .en { color: #5f6f7a; font-weight: normal; font-size: .88em; }
        .small { font-size: 8.5pt; color: #5f6f7a; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; font-size: 9pt; }
        dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
        .note { background: #fff8e1; border-left: 4px solid #f9a825; padding: 6px 10px; margin: 6px 0; font-size: 9pt; }
        .tiles { display: grid; grid-template-columns: repeat(6, 1fr); gap: 6px; margin: 8px 0; }
        .tile { border: 1px solid #c8d3cc; border-radius: 4px; padding: 6px; display: flex; flex-direction: column; break-inside: avoid; }
        .tile strong { font-size: 16pt; color: #1b5e20; }
        .tile span { font-size: 8pt; }
        table { width: 100%; border-collapse: collapse; margin: 4px 0 10px; font-size: 8.8pt; }
        th, td { text-align: left; vertical-align: top; padding: 4px 5px; border-bottom: 1px solid #dfe6e2; }
        th { background: #eef3ef; font-size: 8.5pt; }
        tr { break-inside: avoid; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .badge { display: inline-block; border-left: 4px solid; padding-left: 5px; font-size: 8.5pt; }
        .ms { font-size: 8.5pt; margin-bottom: 2px; }
        .ms-overdue { color: #b71c1c; } .ms-reached { color: #2e7d32; }
        .empty { color: #5f6f7a; font-style: italic; }
        svg.chart { max-width: 720px; display: block; margin: 4px 0 10px; }
        svg .lbl { font-size: 11px; fill: #1d2b36; } svg .val { font-size: 11px; fill: #1d2b36; font-weight: bold; }
        footer { margin-top: 18px; border-top: 1px solid #c8d3cc; padding-top: 6px; font-size: 8pt; color: #5f6f7a; }
        @media screen { body { max-width: 210mm; margin: 24px auto; padding: 0 16px; } }
        """;

    /// <summary>
    /// Danish and English dates and amounts, spelled out here because the API runs with invariant globalization
    /// (no ICU cultures): "1. januar 2023", "1 January 2023", "1.600.000".
    /// </summary>
    internal static class Text
    {
        private static readonly string[] MonthsDa = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
        private static readonly string[] MonthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

        public static string LongDa(DateOnly d) => $"{d.Day}. {MonthsDa[d.Month - 1]} {d.Year}";
        public static string ShortDa(DateOnly d) => $"{d.Day}. {MonthsDa[d.Month - 1][..3]}. {d.Year}";
        public static string LongEn(DateOnly d) => $"{d.Day} {MonthsEn[d.Month - 1]} {d.Year}";
        public static string DateTimeDa(DateTimeOffset t) =>
            $"{LongDa(DateOnly.FromDateTime(t.UtcDateTime))} {t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}";

        /// <summary>FTE with a decimal comma: 3,00.</summary>
        public static string Fte(decimal fte) => fte.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

        /// <summary>Whole kroner with Danish thousands separators (amounts are rounded for print; JSON keeps øre).</summary>
        public static string Amount(decimal amount) =>
            Math.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
    }
}

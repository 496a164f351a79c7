using System.Net;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.CaseFeed;

public sealed class CaseFeedTests(DatabaseLane lane) : ApiTest(lane)
{
    private static async Task<List<CaseEventResponse>> ReadAllAsync(HttpClient client, string? cursor = null, int limit = 3)
    {
        var events = new List<CaseEventResponse>();
        while (true)
        {
            using var response = await client.GetAsync($"/api/case-feed?limit={limit}" + (cursor is null ? "" : $"&after={cursor}"));
            await response.ShouldHaveStatus(HttpStatusCode.OK);
            var page = await response.ReadAsync<GetCaseFeed.FeedPage>();
            events.AddRange(page.Items);
            cursor = page.Cursor;
            if (!page.HasMore)
            {
                return events;
            }
        }
    }

    [Test]
    public async Task The_feed_is_ordered_and_resumes_from_a_cursor_without_gaps_or_repeats()
    {
        var first = await GetAsync<GetCaseFeed.FeedPage>("/api/case-feed?limit=200");
        first.Items.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        first.Items.Take(1).ShouldAllBe(e => e.Type == "case.created" && e.CaseId == Seed.SeedCase);
        var resumeFrom = first.Cursor;

        var created = await Client.CreateCaseAsync(Seed.NewCase("municipal"));
        await Client.RecommendAsync(created, created.Steps().First().Id);

        var resumed = await ReadAllAsync(Client, resumeFrom, limit: 2);
        resumed.Select(e => e.Type).ShouldBe(["case.created", "case.routed", "step.recommendationRecorded", "case.statusChanged"]);
        resumed.ShouldAllBe(e => e.CaseId == created.Id);
        resumed.Select(e => e.Id).ShouldBeUnique();
        resumed.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);

        var again = await GetAsync<GetCaseFeed.FeedPage>($"/api/case-feed?after={resumeFrom}&limit=200");
        again.Items.Select(e => e.Id).ShouldBe(resumed.Select(e => e.Id));
        var end = await GetAsync<GetCaseFeed.FeedPage>($"/api/case-feed?after={again.Cursor}");
        end.Items.ShouldBeEmpty();
        end.Cursor.ShouldBe(again.Cursor);
    }

    [Test]
    public async Task A_refused_change_leaves_no_event()
    {
        var before = await GetAsync<GetCaseFeed.FeedPage>("/api/case-feed?limit=200");
        (await PostAsync("/api/cases", Seed.NewCase("no-such-interest"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var after = await GetAsync<GetCaseFeed.FeedPage>($"/api/case-feed?after={before.Cursor}&limit=200");
        after.Items.ShouldBeEmpty();
    }

    [Test]
    public async Task A_caller_bound_to_an_organisation_reads_only_the_events_of_its_own_cases()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        await Client.CreateCaseAsync(Seed.NewCase("municipal"));

        var seen = await ReadAllAsync(aalborg, limit: 50);
        seen.ShouldNotBeEmpty();
        seen.ShouldAllBe(e => e.CaseId == own.Id);
    }

    [Test]
    public async Task A_malformed_cursor_is_a_validation_problem()
    {
        using var response = await Client.GetAsync("/api/case-feed?after=not-a-cursor");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
    }
}

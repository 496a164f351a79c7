using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>The one list skeleton: tombstones, modifiedSince, filters, cursor, order and the dialect's limit, in that order.</summary>
public sealed class ListSqlTests
{
    private sealed record Query(int? Limit, string? Cursor, DateTimeOffset? ModifiedSince) : IListQuery;

    [Test]
    public void A_first_page_leaves_tombstones_out_and_fetches_one_more_than_the_page()
    {
        var list = new ListSql("SELECT id FROM organisation", new Query(10, null, null)).Where(false, "kind = @Kind");

        list.ToSql(new SqliteDialect()).ShouldBe("SELECT id FROM organisation WHERE deleted_at IS NULL ORDER BY id LIMIT @Take");
        list.After.ShouldBeNull();
        list.Take.ShouldBe(11);
    }

    [Test]
    public void Incremental_sync_keeps_tombstones_and_a_cursor_continues_after_its_id_on_the_alias()
    {
        var id = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
        var list = new ListSql("SELECT p.id FROM person p", new Query(null, Cursor.Encode(id.ToString()), DateTimeOffset.UnixEpoch), alias: "p")
            .Where(true, "p.organisation_id = @OrganisationId");

        list.ToSql(new SqlServerDialect()).ShouldBe(
            "SELECT p.id FROM person p WHERE p.modified_at > @ModifiedSince AND p.organisation_id = @OrganisationId AND p.id > @After " +
            "ORDER BY p.id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");
        list.After.ShouldBe(id);
        list.Take.ShouldBe(Paging.DefaultLimit + 1);
    }

    [Test]
    public void A_cursor_the_API_did_not_give_out_is_a_validation_problem_on_the_cursor() =>
        Should.Throw<FluentValidation.ValidationException>(() => new ListSql("SELECT id FROM t", new Query(null, Cursor.Encode("not-a-guid"), null)))
            .Errors.Single().PropertyName.ShouldBe("cursor");

    [Test]
    public void A_work_list_without_tombstones_leaves_deleted_rows_out_even_for_incremental_sync()
    {
        var list = new ListSql("SELECT m.id FROM membership m", new Query(5, null, DateTimeOffset.UnixEpoch), alias: "m", tombstones: false);

        list.ToSql(new SqliteDialect()).ShouldBe(
            "SELECT m.id FROM membership m WHERE m.deleted_at IS NULL AND m.modified_at > @ModifiedSince ORDER BY m.id LIMIT @Take");
        list.PageSize.ShouldBe(5);
    }

    [Test]
    public void A_log_pages_by_time_then_id_in_either_direction_and_its_cursor_carries_both()
    {
        var at = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var id = Guid.Parse("0190a1b2-0000-7000-8000-000000000002");
        var cursor = Cursor.Encode(ListSql.TimeCursor(at, id));

        var oldestFirst = ListSql.ByTime("SELECT id FROM audit_log", 20, null, "occurred_at", newestFirst: false).Where(true, "actor = @Actor");
        oldestFirst.ToSql(new SqliteDialect()).ShouldBe("SELECT id FROM audit_log WHERE actor = @Actor ORDER BY occurred_at, id LIMIT @Take");
        oldestFirst.Take.ShouldBe(21);

        var newestFirst = ListSql.ByTime("SELECT id FROM audit_log", null, cursor, "occurred_at", newestFirst: true);
        newestFirst.ToSql(new SqliteDialect()).ShouldBe(
            "SELECT id FROM audit_log WHERE (occurred_at < @AfterTime OR (occurred_at = @AfterTime AND id < @After)) ORDER BY occurred_at DESC, id DESC LIMIT @Take");
        newestFirst.AfterTime.ShouldBe(at);
        newestFirst.After.ShouldBe(id);
        newestFirst.PageSize.ShouldBe(Paging.DefaultLimit);
    }

    [TestCase("no-separator")]
    [TestCase("yesterday|0190a1b2-0000-7000-8000-000000000002")]
    [TestCase("2026-12-05T10:00:00.0000000+00:00|not-a-guid")]
    public void A_log_cursor_the_API_did_not_give_out_is_a_validation_problem_on_the_cursor(string key) =>
        Should.Throw<FluentValidation.ValidationException>(() => ListSql.ByTime("SELECT id FROM audit_log", null, Cursor.Encode(key), "occurred_at", newestFirst: false))
            .Errors.Single().PropertyName.ShouldBe("cursor");
}

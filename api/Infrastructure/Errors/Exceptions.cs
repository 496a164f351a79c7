namespace Klima.Api.Infrastructure.Errors;

/// <summary>Base for failures that map onto an HTTP problem detail; the handler turns them into RFC 9457 bodies.</summary>
internal abstract class ProblemException(string title, string detail) : Exception(detail)
{
    public string Title { get; } = title;
    public abstract int Status { get; }
    public virtual string Type => $"https://klima.dk/problems/{GetType().Name.Replace("Exception", "", StringComparison.Ordinal).ToKebab()}";
    public virtual IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

internal sealed class NotFoundException(string resource, object id)
    : ProblemException("Not found", $"{resource} '{id}' does not exist.")
{
    public override int Status => StatusCodes.Status404NotFound;
}

internal sealed class ConflictException(string detail) : ProblemException("Conflict", detail)
{
    public override int Status => StatusCodes.Status409Conflict;
}

internal sealed class UnprocessableException(string detail) : ProblemException("Unprocessable request", detail)
{
    public override int Status => StatusCodes.Status422UnprocessableEntity;
}

/// <summary>The resource changed since the client read it (If-Match did not match the current version).</summary>
internal sealed class PreconditionFailedException(string resource, object id)
    : ProblemException("Precondition failed", $"{resource} '{id}' was changed by someone else. Reload it and apply your change again.")
{
    public override int Status => StatusCodes.Status412PreconditionFailed;
}

internal sealed class PreconditionRequiredException()
    : ProblemException("Precondition required", "Updates must send If-Match with the ETag of the version they change.")
{
    public override int Status => StatusCodes.Status428PreconditionRequired;
}

/// <summary>A hard domain rule (e.g. a composition rule of a body) refused the change; the rule is named in the body.</summary>
internal sealed class RuleViolationException : ProblemException
{
    public RuleViolationException(string rule, string detail, string? field = null) : base("Rule violated", detail)
    {
        Rule = rule;
        Extensions["rule"] = rule;
        if (field is not null)
        {
            Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }
    }

    /// <summary>Several fields at once (<c>errors</c> maps each field to its messages).</summary>
    public RuleViolationException(string rule, string detail, IReadOnlyDictionary<string, string[]> errors) : base("Rule violated", detail)
    {
        Rule = rule;
        Extensions["rule"] = rule;
        Extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    public string Rule { get; }
    public override int Status => StatusCodes.Status422UnprocessableEntity;
    public override string Type => "https://klima.dk/problems/rule-violated";
}

internal static class StringCaseExtensions
{
    public static string ToKebab(this string value) =>
        string.Concat(value.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string ToCamelPath(this string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

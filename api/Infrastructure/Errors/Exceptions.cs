using Klima.Api.Domain;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Infrastructure.Errors;

/// <summary>
/// Base for failures that map onto an HTTP problem detail; the handler turns them into RFC 9457 bodies. Title and
/// detail are <see cref="Text"/>s, said in the caller's language when the answer is written; the exception's own
/// message (for logs) is the English text.
/// </summary>
internal abstract class ProblemException(Text title, Text detail) : Exception(Messages.Say(detail, Messages.English))
{
    public Text Title { get; } = title;
    public Text Detail { get; } = detail;
    public abstract int Status { get; }
    public virtual string Type => $"https://klima.dk/problems/{GetType().Name.Replace("Exception", "", StringComparison.Ordinal).ToKebab()}";
    public virtual IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>Field errors, said like the detail when the answer is written.</summary>
    public IDictionary<string, Text[]> FieldErrors { get; } = new Dictionary<string, Text[]>(StringComparer.Ordinal);
}

/// <summary>404. <paramref name="resource"/> is the English name of the kind of thing ("Case", "Budget version"); its
/// name in the caller's language is the message <c>Resource.&lt;Name in PascalCase&gt;</c>.</summary>
internal sealed class NotFoundException(string resource, object id)
    : ProblemException(new Text("Problem.NotFound"), new Text("Problem.NotFound.Detail", ResourceName(resource), id))
{
    public override int Status => StatusCodes.Status404NotFound;

    /// <summary>"Budget version" -> the term <c>Resource.BudgetVersion</c>.</summary>
    public static Term ResourceName(string resource) =>
        new("Resource." + string.Concat(resource.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
}

internal sealed class ConflictException(Text detail) : ProblemException(new Text("Problem.Conflict"), detail)
{
    public ConflictException(string key, params object?[] args) : this(new Text(key, args))
    {
    }

    public override int Status => StatusCodes.Status409Conflict;
}

internal sealed class UnprocessableException(Text detail) : ProblemException(new Text("Problem.Unprocessable"), detail)
{
    public UnprocessableException(string key, params object?[] args) : this(new Text(key, args))
    {
    }

    public override int Status => StatusCodes.Status422UnprocessableEntity;
}

/// <summary>The resource changed since the client read it (If-Match did not match the current version).</summary>
internal sealed class PreconditionFailedException(string resource, object id)
    : ProblemException(new Text("Problem.PreconditionFailed"), new Text("Problem.PreconditionFailed.Detail", NotFoundException.ResourceName(resource), id))
{
    public override int Status => StatusCodes.Status412PreconditionFailed;
}

internal sealed class PreconditionRequiredException()
    : ProblemException(new Text("Problem.PreconditionRequired"), new Text("Problem.PreconditionRequired.Detail"))
{
    public override int Status => StatusCodes.Status428PreconditionRequired;
}

/// <summary>A hard domain rule (e.g. a composition rule of a body) refused the change; the rule is named in the body.</summary>
internal sealed class RuleViolationException : ProblemException
{
    public RuleViolationException(string rule, Text detail, string? field = null) : base(new Text("Problem.RuleViolated"), detail)
    {
        Rule = rule;
        Extensions["rule"] = rule;
        if (field is not null)
        {
            FieldErrors[field] = [detail];
        }
    }

    /// <summary>Several fields at once (<c>errors</c> maps each field to its messages).</summary>
    public RuleViolationException(string rule, Text detail, IReadOnlyDictionary<string, Text[]> errors) : base(new Text("Problem.RuleViolated"), detail)
    {
        Rule = rule;
        Extensions["rule"] = rule;
        foreach (var (field, messages) in errors)
        {
            FieldErrors[field] = messages;
        }
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

using System.Data.Common;
using System.IO.Compression;
using System.Text;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Features.Documents;

/// <summary>A case document: uploaded to Klima (its bytes kept in the database) or referred to by an https URL of the owning case system.</summary>
public sealed record CaseDocumentResponse
{
    public required Guid Id { get; init; }
    public required Guid CaseId { get; init; }
    public required string Title { get; init; }
    /// <summary>upload: the bytes are in Klima; link: the document is at <c>url</c> in the owning case system.</summary>
    public required CaseDocumentSource Source { get; init; }
    /// <summary>Where to open it: Klima's content URL for an upload (needs cases:read), the case system's URL for a link.</summary>
    public required string Url { get; init; }
    /// <summary>An identifier beside the document, such as KL's document number (3323070).</summary>
    public string? DocumentNumber { get; init; }
    public string? FileName { get; init; }
    /// <summary>Sniffed from the bytes on upload, never taken from the client.</summary>
    public string? MediaType { get; init; }
    public long? SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public string? Sha512 { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

public enum CaseDocumentSource
{
    Upload,
    Link,
}

internal sealed record CaseDocumentRow
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public int Ordinal { get; init; }
    public string Url { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Sha256 { get; init; }
    public string? Sha512 { get; init; }
    public string? DocumentNumber { get; init; }
    public string? MediaType { get; init; }
    public long? SizeBytes { get; init; }
    public string? FileName { get; init; }
    public bool Stored { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }

    public CaseDocumentResponse ToResponse() => new()
    {
        Id = Id, CaseId = CaseId, Title = Title, Source = Stored ? CaseDocumentSource.Upload : CaseDocumentSource.Link,
        Url = Stored ? DocumentStore.ContentPath(CaseId, Id) : Url, DocumentNumber = DocumentNumber ?? DocumentStore.KlDocumentNumber(Url),
        FileName = FileName, MediaType = MediaType, SizeBytes = SizeBytes, Sha256 = Sha256, Sha512 = Sha512, CreatedAt = CreatedAt,
    };
}

/// <summary>The SQL the document use cases (and the OParl view) share.</summary>
internal static class DocumentStore
{
    public const string Select = """
        SELECT d.id, d.case_id, d.ordinal, d.url, d.title, d.sha256, d.sha512, d.document_number, d.media_type, d.size_bytes, d.file_name,
               CAST(CASE WHEN EXISTS (SELECT 1 FROM case_document_content k WHERE k.document_id = d.id) THEN 1 ELSE 0 END AS BIT) AS stored,
               d.created_at
        FROM case_document d
        """;

    public static string ContentPath(Guid caseId, Guid documentId) => $"/api/cases/{caseId:D}/documents/{documentId:D}/content";

    /// <summary>KL's document references in the seed and older case systems: urn:kl:dok:3323070 gives 3323070.</summary>
    [AreaApi]
    public static string? KlDocumentNumber(string url) =>
        url.StartsWith("urn:kl:dok:", StringComparison.OrdinalIgnoreCase) && url.Length > 11 ? url[11..] : null;

    /// <summary>
    /// The case, if the caller may see it (and so, with cases:write, change it): the same rule as the case itself
    /// (<see cref="CasesStore.RequireAsync"/>): 404 for a case that does not exist or that the caller's organisation does not own.
    /// </summary>
    public static Task<CaseRow> RequireCaseAsync(DbConnection connection, Guid caseId, ICurrentUser user, DbTransaction? transaction, CancellationToken cancellationToken) =>
        CasesStore.RequireAsync(connection, caseId, user, transaction, cancellationToken);

    public static async Task<CaseDocumentRow> LoadAsync(DbConnection connection, Guid caseId, Guid documentId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<CaseDocumentRow>(new CommandDefinition(
            Select + " WHERE d.id = @DocumentId AND d.case_id = @CaseId AND d.deleted_at IS NULL", new { CaseId = caseId, DocumentId = documentId },
            transaction, cancellationToken: cancellationToken))
        ?? throw new NotFoundException("Document", documentId);

    public static async Task<int> NextOrdinalAsync(DbConnection connection, Guid caseId, DbTransaction transaction, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM case_document WHERE case_id = @CaseId", new { CaseId = caseId }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>A change to a case's documents is a change to the case (its version, and its modified stamp the public view syncs on).</summary>
    public static Task TouchCaseAsync(DbConnection connection, Guid caseId, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE case_file SET version = version + 1, modified_at = @Now WHERE id = @CaseId", new { CaseId = caseId, Now = now }, transaction,
            cancellationToken: cancellationToken));
}

/// <summary>
/// Which document URLs Klima accepts and publishes: https only (http too in Development, for local case systems);
/// never javascript:, data:, file: or anything else a browser would run or read locally. KL's document URNs
/// (urn:kl:dok:3323070) from older records are kept as identifiers but are not fetchable, so never published as links.
/// </summary>
public static class DocumentUrlPolicy
{
    public static bool IsAllowed(string? url, bool development) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (development && uri.Scheme == Uri.UriSchemeHttp))
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);

    public static Text Explanation(bool development) => new(development ? "Document.UrlHttpsOrHttp" : "Document.UrlHttps");

    /// <summary>Refuses a URL with 422 naming the field.</summary>
    internal static void Require(string? url, bool development, string field)
    {
        if (!IsAllowed(url, development))
        {
            throw new RuleViolationException("document-url-https", Explanation(development), field);
        }
    }
}

/// <summary>
/// Tells a file's type from its first bytes (magic numbers), never from the client's Content-Type or file name.
/// Only types people open from a case are accepted: PDF, PNG, JPEG, GIF, WebP, Office Open XML (Word, Excel,
/// PowerPoint), OpenDocument, legacy Office (OLE2) and plain UTF-8 text.
/// </summary>
public static class ContentSniffer
{
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8)) return "application/pdf";
        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return "image/gif";
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 })) return "application/x-ole-storage";
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return Zip(bytes);
        return IsText(bytes) ? "text/plain; charset=utf-8" : null;
    }

    /// <summary>Office Open XML and OpenDocument files are zip archives; their type is told by what is inside.</summary>
    private static string? Zip(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes.ToArray()), ZipArchiveMode.Read);
            var names = archive.Entries.Select(e => e.FullName).ToList();
            if (names.Contains("mimetype"))
            {
                using var reader = new StreamReader(archive.GetEntry("mimetype")!.Open(), Encoding.ASCII);
                var declared = reader.ReadToEnd().Trim();
                return declared.StartsWith("application/vnd.oasis.opendocument.", StringComparison.Ordinal) && declared.Length < 100 ? declared : null;
            }
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Any(n => n.StartsWith("word/", StringComparison.Ordinal))) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            if (names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal))) return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            if (names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal))) return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Valid UTF-8 without control characters other than tab, line feed, carriage return and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return false;
        var start = bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes[start..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        return text.All(c => c >= ' ' || c is '\t' or '\n' or '\r' or '\f');
    }

    /// <summary>Whether a browser may show the type inline; everything else is served as an attachment.</summary>
    public static bool Inline(string mediaType) =>
        mediaType is "application/pdf" or "image/png" or "image/jpeg" or "image/gif" or "image/webp" || mediaType.StartsWith("text/plain", StringComparison.Ordinal);

    /// <summary>A file name extension for a sniffed type, for the download's name.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        "application/x-ole-storage" => ".doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => ".pptx",
        "application/vnd.oasis.opendocument.text" => ".odt",
        "application/vnd.oasis.opendocument.spreadsheet" => ".ods",
        _ when mediaType.StartsWith("text/plain", StringComparison.Ordinal) => ".txt",
        _ => "",
    };
}

/// <summary>Serves a stored document's bytes safely: its sniffed type, nosniff, a sandboxing CSP and a download name.</summary>
internal static class DocumentContent
{
    public static IResult Serve(HttpContext http, byte[] content, CaseDocumentRow document) =>
        Serve(http, content, document.MediaType, document.FileName, document.Title, document.Sha256);

    public static IResult Serve(HttpContext http, byte[] content, string? storedType, string? fileName, string title, string? sha256)
    {
        var mediaType = storedType ?? "application/octet-stream";
        var name = SafeFileName(fileName, title) + (Path.HasExtension(fileName) ? "" : ContentSniffer.Extension(mediaType));
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // A document never runs script in Klima's origin, whatever it contains.
        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        if (sha256 is { } sha) http.Response.Headers.ETag = $"\"{sha}\"";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(ContentSniffer.Inline(mediaType) ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(content, mediaType);
    }

    private static string SafeFileName(string? fileName, string title)
    {
        var raw = string.IsNullOrWhiteSpace(fileName) ? title : fileName;
        var cleaned = new string(raw.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_').ToArray()).Trim();
        return cleaned.Length == 0 ? "document" : cleaned[..Math.Min(cleaned.Length, 120)];
    }

    public static async Task<byte[]?> ReadAsync(DbConnection connection, Guid documentId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM case_document_content WHERE document_id = @Id", new { Id = documentId }, cancellationToken: cancellationToken));
}

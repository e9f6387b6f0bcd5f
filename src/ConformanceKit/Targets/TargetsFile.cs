using ConformanceKit.Json;

namespace ConformanceKit.Targets;

/// <summary>
/// Loads targets.json (shape in NOTES section 2, schema in suites/targets.schema.json). The whole file is
/// checked: member names given twice, then every target by the rules below (precise reasons), then the
/// schema, which catches whatever these rules do not name. Environment references are filled only for the
/// target asked for, so an unrelated target's missing secret does not stop a run. Every error names the
/// file, the line and column, the JSON path and the reason.
/// </summary>
public static class TargetsFile
{
    public const string SchemaFileName = "targets.schema.json";
    private static readonly string[] TargetFields = ["kind", "baseUrl", "resource", "headers", "capabilities", "defects", "store", "description", "timeouts", "maxBodyBytes", "followRedirects", "tls", "http"];
    private static readonly string[] TimeoutFields = ["request", "run"];
    private static readonly string[] TlsFields = ["caFile", "insecure"];
    private static readonly string[] ResourceFields = ["path", "create", "collection", "contentType", "existing"];
    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.FromResource(SchemaFileName));

    /// <summary>Names of the targets in the file, in file order.</summary>
    public static IReadOnlyList<string> Names(string path)
    {
        using var source = JsonFile.Read(path);
        return TargetsObject(source).Members().Select(m => m.Name).ToList();
    }

    public static TargetDefinition Load(string path, string targetName, Func<string, string?> environment)
    {
        using var source = JsonFile.Read(path);
        source.RejectDuplicates(ExplainDuplicate);
        var targets = TargetsObject(source);
        TargetDefinition? chosen = null;
        foreach (var (name, cursor) in targets.Members())
        {
            var expand = name == targetName;
            var target = Parse(path, name, cursor, expand ? environment : null);
            if (expand)
            {
                chosen = target;
            }
        }

        Schema.Value.Validate(source);
        return chosen ?? throw targets.Error(
            targetName,
            $"no target named '{targetName}' (targets in this file: {string.Join(", ", targets.Members().Select(m => m.Name))})");
    }

    /// <summary>Checks the whole file without stopping at the first problem, every target with its environment
    /// references filled (a missing variable is a problem; values are never put in a message). The targets are
    /// those that loaded without a problem.</summary>
    public static TargetsValidation Validate(string path, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        JsonSource source;
        try
        {
            source = JsonFile.Read(path);
        }
        catch (ConfigurationException e)
        {
            return new TargetsValidation([], [], [e]);
        }

        using (source)
        {
            var problems = source.DuplicateErrors(ExplainDuplicate).ToList();
            JsonCursor targets;
            try
            {
                targets = TargetsObject(source);
            }
            catch (ConfigurationException e)
            {
                return new TargetsValidation([], [], [.. problems, e]);
            }

            var names = new List<string>();
            var loaded = new List<TargetDefinition>();
            foreach (var (name, cursor) in targets.Members())
            {
                names.Add(name);
                var missing = MissingVariables(cursor, environment).ToList();
                problems.AddRange(missing);
                try
                {
                    var target = Parse(path, name, cursor, missing.Count == 0 ? environment : null);
                    if (missing.Count == 0)
                    {
                        loaded.Add(target);
                    }
                }
                catch (ConfigurationException e)
                {
                    problems.Add(e);
                }
            }

            // A schema error where a rule above already spoke is the same problem, worded less precisely.
            var found = problems.ToList();
            problems.AddRange(Schema.Value.Problems(source).Where(s => !found.Any(p => Overlaps(p.JsonPath, s.JsonPath))));
            var ordered = problems
                .OrderBy(p => p.Position?.Line ?? 0)
                .ThenBy(p => p.Position?.Column ?? 0)
                .ThenBy(p => p.JsonPath, StringComparer.Ordinal)
                .ToList();
            return new TargetsValidation(names, loaded, ordered);
        }
    }

    private static bool Overlaps(string a, string b) =>
        a == b || IsBelow(a, b) || IsBelow(b, a);

    private static bool IsBelow(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] is '.' or '[';

    private static string? ExplainDuplicate(DuplicateMember duplicate) => duplicate.ObjectPath == "$.targets"
        ? $"target '{duplicate.Name}' is defined twice (first at line {duplicate.First.Line}); a JSON reader keeps only the last one, so give each target its own name"
        : null;

    private static JsonCursor TargetsObject(JsonSource source)
    {
        var root = source.Root.RequireObject();
        root.RejectUnknown("targets");
        var targets = root.OptionalObject("targets") ?? throw root.Error("targets", "required field is missing (an object of named targets)");
        if (!targets.Members().Any())
        {
            throw targets.Error("no targets (add one, e.g. \"reference\": { \"kind\": \"reference\" } for the in-box server)");
        }

        return targets;
    }

    /// <summary>Every <c>${env:NAME}</c> of a target (base URL and header values) whose variable is not set.</summary>
    private static IEnumerable<ConfigurationException> MissingVariables(JsonCursor target, Func<string, string?> environment)
    {
        if (target.Element.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            yield break;
        }

        var strings = new List<JsonCursor>();
        if (target.Has("baseUrl"))
        {
            strings.Add(target.Property("baseUrl"));
        }

        if (target.Has("headers") && target.Property("headers") is { Element.ValueKind: System.Text.Json.JsonValueKind.Object } headers)
        {
            strings.AddRange(headers.Members().Select(m => m.Value));
        }

        foreach (var at in strings.Where(s => s.Element.ValueKind == System.Text.Json.JsonValueKind.String))
        {
            foreach (var name in EnvironmentReferences.Names(at.Element.GetString()!).Where(n => string.IsNullOrEmpty(environment(n))))
            {
                yield return EnvironmentReferences.MissingError(at, name);
            }
        }
    }

    /// <param name="environment">Null to validate only, without filling environment references.</param>
    private static TargetDefinition Parse(string file, string name, JsonCursor target, Func<string, string?>? environment)
    {
        target.RequireObject();
        target.RejectUnknown(TargetFields);
        var secrets = new List<string>();
        string Fill(string value, JsonCursor at) =>
            environment is null ? value : EnvironmentReferences.Expand(value, at, environment, secrets);

        var kind = target.OptionalString("kind") switch
        {
            null or "http" => TargetKind.Remote,
            "reference" => TargetKind.Reference,
            var other => throw target.Error("kind", $"unknown kind '{other}' (use \"reference\" for the in-box server, or leave it out for an HTTP server)"),
        };

        Uri? baseUrl = null;
        if (kind == TargetKind.Remote)
        {
            var text = target.RequiredString("baseUrl", "a target that is not kind \"reference\" needs the URL of the server, e.g. \"http://127.0.0.1:8080\"");
            var before = secrets.Count;
            var filled = Fill(text, target.Property("baseUrl"));

            // Validating only (another target was chosen): a URL that reads the environment is judged once filled.
            // A message shows the URL as written when it reads the environment: never a value.
            var judgeLater = environment is null && EnvironmentReferences.Contains(text);
            var shown = EnvironmentReferences.Contains(text) ? text : filled;
            if (!judgeLater && (!Uri.TryCreate(filled, UriKind.Absolute, out baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
            {
                throw target.Error("baseUrl", $"'{shown}' is not an absolute http:// or https:// URL");
            }

            if (baseUrl is not null && (baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0 || filled.Contains('?', StringComparison.Ordinal) || filled.Contains('#', StringComparison.Ordinal)))
            {
                throw target.Error("baseUrl", $"'{shown}' has a query or fragment, which would not be sent: resource paths are appended to the base URL's path and replace the rest (put a token in a path segment or in \"headers\")");
            }

            if (baseUrl is not null)
            {
                // A value in the URL may come out escaped (a path segment) or lower-cased (a host) wherever
                // the URL is written: each form is a secret too.
                foreach (var value in secrets.Skip(before).ToList())
                {
                    secrets.AddRange(UrlForms(value).Where(f => !secrets.Contains(f)));
                }
            }
        }
        else if (target.Has("baseUrl"))
        {
            throw target.Error("baseUrl", "a kind \"reference\" target is started on a free loopback port; it takes no baseUrl");
        }

        var capabilities = ParseCapabilities(target, kind);
        var resource = ParseResource(target, kind, capabilities);
        var headers = ParseHeaders(target, Fill);
        var defects = ParseDefects(target, kind);
        var store = ParseStore(target, kind);
        var transport = ParseTransport(file, target, kind, baseUrl);
        return new TargetDefinition(name, kind, baseUrl, resource, headers, capabilities, defects, file) { Secrets = secrets, Store = store, Transport = transport };
    }

    /// <summary>timeouts, maxBodyBytes, followRedirects, tls and http. TLS needs an https:// base URL; the in-box
    /// server speaks HTTP/1.1 on plain http, so it takes neither tls nor "http": "2". A relative caFile is read
    /// from the targets file's folder.</summary>
    private static TargetTransport ParseTransport(string file, JsonCursor target, TargetKind kind, Uri? baseUrl)
    {
        var transport = TargetTransport.Default;
        if (target.OptionalObject("timeouts") is { } timeouts)
        {
            timeouts.RejectUnknown(TimeoutFields);
            transport = transport with
            {
                RequestTimeout = Duration(timeouts, "request", TargetTransport.MinRequestTimeout, TargetTransport.MaxRequestTimeout, "each request, connecting and TLS included"),
                RunTimeout = Duration(timeouts, "run", TargetTransport.MinRunTimeout, TargetTransport.MaxRunTimeout, "the whole run"),
            };
        }

        if (target.Has("maxBodyBytes"))
        {
            var at = target.Property("maxBodyBytes");
            if (at.Element.ValueKind != System.Text.Json.JsonValueKind.Number || !at.Element.TryGetInt64(out var bytes))
            {
                throw at.Error($"must be a whole number of bytes, found {JsonCursor.Describe(at.Element)}");
            }

            if (bytes is < TargetTransport.MinBodyBytes or > TargetTransport.MaxBodyBytes)
            {
                throw at.Error($"{bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range: a response body cap is {TargetTransport.MinBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} to {TargetTransport.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes (256 MiB)");
            }

            transport = transport with { MaxResponseBodyBytes = (int)bytes };
        }

        transport = transport with { FollowRedirects = target.OptionalBool("followRedirects") ?? false };
        if (target.Has("http"))
        {
            var at = target.Property("http");
            if (at.Element.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                throw at.Error($"must be \"1.1\" or \"2\", found {JsonCursor.Describe(at.Element)}");
            }

            transport = transport with
            {
                HttpVersion = at.Element.GetString() switch
                {
                    "1.1" => System.Net.HttpVersion.Version11,
                    "2" => System.Net.HttpVersion.Version20,
                    var other => throw at.Error($"unknown HTTP version '{other}' (use \"1.1\", the default, or \"2\": HTTP/2 over TLS by ALPN, or on http:// by prior knowledge)"),
                },
            };
            if (kind == TargetKind.Reference && transport.HttpVersion.Major >= 2)
            {
                throw at.Error("the in-box server speaks HTTP/1.1 on plain http; leave \"http\" out for a reference target");
            }
        }

        if (target.OptionalObject("tls") is { } tls)
        {
            tls.RejectUnknown(TlsFields);
            if (kind == TargetKind.Reference)
            {
                throw tls.Error("the in-box server is started on plain http; leave \"tls\" out for a reference target");
            }

            if (baseUrl is not null && baseUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw tls.Error($"TLS options apply to an https:// base URL; this target's is {baseUrl.Scheme}://");
            }

            var insecure = tls.OptionalBool("insecure") ?? false;
            var caFile = tls.OptionalString("caFile");
            if (insecure && caFile is not null)
            {
                throw tls.Error("insecure: true accepts any certificate, so caFile would never be used: give one of them");
            }

            transport = transport with { InsecureTls = insecure };
            if (caFile is not null)
            {
                var path = Path.GetFullPath(caFile, Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".");
                transport = transport with { CaFile = path, CaCertificates = LoadCertificates(tls.Property("caFile"), caFile, path) };
            }
        }

        return transport;
    }

    private static TimeSpan? Duration(JsonCursor section, string name, TimeSpan min, TimeSpan max, string what)
    {
        if (!section.Has(name))
        {
            return null;
        }

        var at = section.Property(name);
        if (at.Element.ValueKind != System.Text.Json.JsonValueKind.String || !DurationText.TryParse(at.Element.GetString(), out var duration))
        {
            throw at.Error($"must be a duration with its unit ({DurationText.Units}), e.g. \"30s\", found {JsonCursor.Describe(at.Element)}");
        }

        if (duration < min || duration > max)
        {
            throw at.Error($"{at.Element.GetString()} is out of range: the bound on {what} is {DurationText.Format(min)} to {DurationText.Format(max)}");
        }

        return duration;
    }

    /// <summary>The certificates of a CA file: PEM (one or more BEGIN CERTIFICATE blocks) or one DER certificate.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2Collection LoadCertificates(JsonCursor at, string written, string path)
    {
        if (!File.Exists(path))
        {
            throw at.Error($"'{written}' does not exist (a relative path is read from the targets file's folder: {path})");
        }

        var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPem(text);
            }
            else
            {
                certificates.Add(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw at.Error($"'{written}' holds no certificate this tool can read (PEM with BEGIN CERTIFICATE blocks, or one DER certificate): {e.Message}");
        }

        return certificates.Count > 0
            ? certificates
            : throw at.Error($"'{written}' holds no certificate (PEM with BEGIN CERTIFICATE blocks, or one DER certificate)");
    }

    private static IEnumerable<string> UrlForms(string value)
    {
        yield return value.ToLowerInvariant();
        yield return Uri.EscapeDataString(value);
        if (Uri.TryCreate("http://host/" + value, UriKind.Absolute, out var url))
        {
            yield return url.AbsolutePath[1..];
        }
    }

    private static Capabilities ParseCapabilities(JsonCursor target, TargetKind kind)
    {
        var defaults = kind == TargetKind.Reference
            ? Capabilities.ReferenceDefault
            : new Capabilities(Writes: true, LastModified: true, Ranges: false, RequirePreconditions: false);
        var section = target.OptionalObject("capabilities");
        if (section is not { } caps)
        {
            return defaults;
        }

        caps.RejectUnknown([.. Capabilities.Names]);
        if (kind == TargetKind.Reference)
        {
            foreach (var fixedName in new[] { "writes", "lastModified", "ranges", "patch" })
            {
                if (caps.OptionalBool(fixedName) is false)
                {
                    throw caps.Error(fixedName, "the reference server always supports this; only requirePreconditions can be set");
                }
            }
        }

        return new Capabilities(
            caps.OptionalBool("writes") ?? defaults.Writes,
            caps.OptionalBool("lastModified") ?? defaults.LastModified,
            caps.OptionalBool("ranges") ?? defaults.Ranges,
            caps.OptionalBool("requirePreconditions") ?? defaults.RequirePreconditions)
        {
            Patch = caps.OptionalBool("patch") ?? defaults.Patch,
            Cors = caps.OptionalBool("cors") ?? defaults.Cors,
        };
    }

    private static ResourceRecipe ParseResource(JsonCursor target, TargetKind kind, Capabilities capabilities)
    {
        var section = target.OptionalObject("resource");
        if (section is not { } resource)
        {
            if (kind == TargetKind.Reference)
            {
                return ResourceRecipe.ReferenceDefault;
            }

            throw target.Error("resource", "required field is missing (where fresh resources may be created, e.g. { \"path\": \"/items/{id}\" }, or an \"existing\" one for a read-only server)");
        }

        if (kind == TargetKind.Reference)
        {
            throw resource.Error("the reference server's resources are fixed (/items/{id}, /static/hello.txt); leave \"resource\" out");
        }

        resource.RejectUnknown(ResourceFields);
        var path = resource.OptionalString("path");
        var existing = resource.OptionalString("existing");
        var collection = resource.OptionalString("collection");
        var contentType = resource.OptionalString("contentType") ?? "application/json";
        var create = resource.OptionalString("create") switch
        {
            null or "PUT" => CreateMethod.Put,
            "POST" => CreateMethod.Post,
            var other => throw resource.Error("create", $"'{other}' is not a way to create resources (use \"PUT\" or \"POST\")"),
        };

        if (path is null && existing is null)
        {
            throw resource.Error("needs \"path\" (where fresh resources may be created) or \"existing\" (a resource that is already there), or both");
        }

        foreach (var (field, value) in new[] { ("path", path), ("existing", existing), ("collection", collection) })
        {
            if (value is not null && !value.StartsWith('/'))
            {
                throw resource.Error(field, $"'{value}' must be a path starting with '/'");
            }
        }

        if (path is not null && !path.Contains(ResourceRecipe.IdPlaceholder, StringComparison.Ordinal))
        {
            throw resource.Error("path", $"'{path}' must contain {{id}}, filled with a fresh id per scenario");
        }

        if (create == CreateMethod.Post && collection is null)
        {
            throw resource.Error("collection", "required field is missing (\"create\": \"POST\" posts new resources to this collection path)");
        }

        if (capabilities.Writes && path is null)
        {
            throw resource.Error("path", "required field is missing (capabilities.writes is true; set it to false for a read-only server)");
        }

        return new ResourceRecipe(path, create, collection, contentType, existing);
    }

    private static List<TargetHeader> ParseHeaders(JsonCursor target, Func<string, JsonCursor, string> fill)
    {
        var headers = new List<TargetHeader>();
        if (target.OptionalObject("headers") is not { } section)
        {
            return headers;
        }

        foreach (var (name, value) in section.Members())
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal)))
            {
                throw value.Error($"'{name}' is not a valid header field name");
            }

            if (value.Element.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                throw value.Error($"must be a string, found {JsonCursor.Describe(value.Element)}");
            }

            var raw = value.Element.GetString()!;
            headers.Add(new TargetHeader(name, fill(raw, value), EnvironmentReferences.Contains(raw)));
        }

        return headers;
    }

    private static ReferenceStore ParseStore(JsonCursor target, TargetKind kind)
    {
        if (!target.Has("store"))
        {
            return ReferenceStore.Memory;
        }

        var store = target.Property("store");
        if (kind != TargetKind.Reference)
        {
            throw store.Error("a store is chosen only for the in-box server (kind \"reference\"); your own server keeps its own data");
        }

        if (store.Element.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            throw store.Error($"must be \"memory\" or \"sqlite\", found {JsonCursor.Describe(store.Element)}");
        }

        return store.Element.GetString() switch
        {
            "memory" => ReferenceStore.Memory,
            "sqlite" => ReferenceStore.Sqlite,
            var path when path!.StartsWith("sqlite:", StringComparison.Ordinal) => throw store.Error(
                $"'{path}' names a file, but a reference target's SQLite store is a fresh temporary file per run: write just \"sqlite\" (serve --store sqlite:PATH keeps a file of your own)"),
            var other => throw store.Error(
                $"unknown store '{other}' (use \"memory\", the default, or \"sqlite\": a fresh temporary SQLite file per run)"),
        };
    }

    private static List<string> ParseDefects(JsonCursor target, TargetKind kind)
    {
        if (!target.Has("defects"))
        {
            return [];
        }

        var defects = target.Property("defects");
        if (kind != TargetKind.Reference)
        {
            throw defects.Error("defect modes exist only on the in-box server (kind \"reference\")");
        }

        return defects.Items().Select(item => item.Element.ValueKind == System.Text.Json.JsonValueKind.String
            ? item.Element.GetString()!
            : throw item.Error($"must be the name of a defect mode, found {JsonCursor.Describe(item.Element)}")).ToList();
    }
}

/// <summary>What <see cref="TargetsFile.Validate"/> found: the names of the targets (file order), those that
/// loaded without a problem, and every problem in file order.</summary>
public sealed record TargetsValidation(IReadOnlyList<string> Names, IReadOnlyList<TargetDefinition> Targets, IReadOnlyList<ConfigurationException> Problems);

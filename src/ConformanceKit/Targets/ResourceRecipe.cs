namespace ConformanceKit.Targets;

/// <summary>
/// Where the harness may create fresh resources and how. <see cref="PathTemplate"/> holds <c>{id}</c>,
/// filled per scenario; with <see cref="CreateMethod.Post"/> new resources are POSTed to
/// <see cref="Collection"/> and found at the Location answered. <see cref="Existing"/> names a resource that
/// is already there, for read-only targets.
/// </summary>
public sealed record ResourceRecipe(string? PathTemplate, CreateMethod Create, string? Collection, string ContentType, string? Existing)
{
    public const string IdPlaceholder = "{id}";

    public static ResourceRecipe ReferenceDefault { get; } =
        new("/items/{id}", CreateMethod.Put, "/items", "application/json", "/static/hello.txt");

    public string PathFor(string id) =>
        (PathTemplate ?? throw new InvalidOperationException("This target has no resource.path."))
            .Replace(IdPlaceholder, Uri.EscapeDataString(id), StringComparison.Ordinal);
}

public enum CreateMethod
{
    Put,
    Post,
}

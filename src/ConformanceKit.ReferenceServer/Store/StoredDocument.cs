using ConformanceKit.ReferenceServer.Protocol;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>One version of a document. Immutable: a write replaces the whole value.</summary>
/// <param name="Generation">Store-wide write counter at the time this version was made.</param>
internal sealed record StoredDocument(string Id, long Generation, Representation Representation);

namespace ConformanceKit.Scenarios;

/// <summary>Derives a seed from a run seed and names with FNV-1a, stable across processes and platforms
/// (string.GetHashCode is randomised per process).</summary>
public static class StableSeed
{
    public static int Of(int runSeed, params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        unchecked
        {
            var hash = 2166136261u ^ (uint)runSeed;
            hash *= 16777619u;
            foreach (var part in parts)
            {
                foreach (var c in part)
                {
                    hash = (hash ^ c) * 16777619u;
                }

                hash = (hash ^ 0x1F) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}

using System.Globalization;

namespace ConformanceKit.RealServers;

/// <summary>
/// Reads /proc: which processes are alive (zombies count as gone: they hold no port and run no code, and a
/// container's init may never reap them).
/// </summary>
internal static class ProcessTable
{
    /// <summary>True while process <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>The pids of live (non-zombie) processes in process group <paramref name="processGroup"/>.</summary>
    public static IReadOnlyList<int> LiveMembers(int processGroup)
    {
        var members = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat && stat.Group == processGroup && stat.State is not ('Z' or 'X'))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    private static char? State(int pid) => ReadStat(pid)?.State;

    /// <summary>/proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so
    /// the fields are read after the last ')'.</summary>
    private static (char State, int Group)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 2 && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            ? (fields[0][0], group)
            : null;
    }
}

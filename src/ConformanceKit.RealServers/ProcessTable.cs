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
        return [.. Pids().Where(pid => ReadStat(pid) is { } stat && stat.Group == processGroup && stat.State is not ('Z' or 'X'))];
    }

    /// <summary>The pid of every process /proc lists.</summary>
    public static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : -1)
            .Where(pid => pid > 0);

    /// <summary>/proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so the fields
    /// are those after the last ')', from the state on. Null when the process is gone.</summary>
    public static string[]? StatFields(int pid)
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

        return text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static char? State(int pid) => ReadStat(pid)?.State;

    private static (char State, int Group)? ReadStat(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 2 } && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
            ? (fields[0][0], group)
            : null;
    }
}

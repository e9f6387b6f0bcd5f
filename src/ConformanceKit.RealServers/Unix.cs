using System.Runtime.InteropServices;

namespace ConformanceKit.RealServers;

/// <summary>The few POSIX calls the launchers need: signals to a process group, and who we run as.</summary>
internal static partial class Unix
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="processGroup"/>;
    /// false when the group has no member left.</summary>
    public static bool SignalGroup(int processGroup, int signal)
    {
        if (processGroup <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(processGroup), processGroup, "not a process group a launcher started");
        }

        return Kill(-processGroup, signal) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
    }

    public static bool IsRoot => GetEffectiveUserId() == 0;

    public static uint UserId => GetEffectiveUserId();

    public static uint GroupId => GetEffectiveGroupId();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getegid")]
    private static partial uint GetEffectiveGroupId();
}

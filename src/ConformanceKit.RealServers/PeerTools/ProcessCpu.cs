using System.Globalization;
using System.Runtime.InteropServices;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>
/// CPU time (user + system) of the benchmark's processes, for a cost per request: this process; the peer tools, which
/// run as children and have exited when read (getrusage RUSAGE_CHILDREN counts children that ended); and a server and
/// its direct children (nginx's master and workers, the reference server) from /proc, in clock ticks of 10 ms.
/// Linux only; elsewhere every figure is null and the benchmark prints none.
/// </summary>
public static partial class ProcessCpu
{
    private const int ChildrenWho = -1; // RUSAGE_CHILDREN
    private const double TicksPerSecond = 100; // sysconf(_SC_CLK_TCK) on Linux

    public static TimeSpan Self() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Every child of this process that has ended so far (and was waited for, as .NET does).</summary>
    public static TimeSpan? EndedChildren()
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(ChildrenWho, out var usage) != 0)
        {
            return null;
        }

        return TimeSpan.FromMicroseconds((usage.UserSeconds + usage.SystemSeconds) * 1_000_000d + usage.UserMicroseconds + usage.SystemMicroseconds);
    }

    /// <summary><paramref name="pid"/> and its direct children, from /proc/PID/stat; null when it is gone.</summary>
    public static TimeSpan? OfTree(int pid)
    {
        if (!OperatingSystem.IsLinux() || Read(pid) is not { } own)
        {
            return null;
        }

        var ticks = own.Ticks;
        foreach (var other in ProcessTable.Pids())
        {
            if (other != pid && Read(other) is { } child && child.Parent == pid)
            {
                ticks += child.Ticks;
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The parent and the user + system clock ticks (ppid, utime and stime of /proc/PID/stat).</summary>
    private static (int Parent, long Ticks)? Read(int pid)
    {
        var fields = ProcessTable.StatFields(pid);
        return fields is { Length: > 12 }
            && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var parent)
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (parent, user + system)
            : null;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
#pragma warning disable CS0169, IDE0051 // Filled by the kernel, never read.
        private long maxResidentSet;
        private long sharedMemory;
        private long unsharedData;
        private long unsharedStack;
        private long minorFaults;
        private long majorFaults;
        private long swaps;
        private long blockInputs;
        private long blockOutputs;
        private long messagesSent;
        private long messagesReceived;
        private long signals;
        private long voluntarySwitches;
        private long involuntarySwitches;
#pragma warning restore CS0169, IDE0051
    }
}

namespace ConformanceKit.RealServers;

/// <summary>
/// One server run's folder under the system temp folder, unique per run: conf/, logs/, run/, tmp/, lock/ and
/// www/ (static/ and dav/). The server's own files (pid, logs, temp bodies, lock database, uploads) all stay
/// in it. Folders the server's workers write to are world-writable, since a server started as root runs its
/// workers as an unprivileged account; they live only as long as the run.
/// </summary>
internal sealed class RunFolder
{
    private RunFolder(string root) => Root = root;

    public string Root { get; }

    public string Conf => Path.Combine(Root, "conf");

    public string Logs => Path.Combine(Root, "logs");

    public string Www => Path.Combine(Root, "www");

    public string Static => Path.Combine(Www, "static");

    public string Dav => Path.Combine(Www, "dav");

    /// <summary>Creates a fresh folder named <c>ck-SERVER-GUID</c> with its subfolders.</summary>
    public static RunFolder Create(string server)
    {
        var folder = new RunFolder(Path.Combine(Path.GetTempPath(), $"ck-{server}-{Guid.NewGuid():N}"));
        foreach (var sub in (string[])[folder.Conf, folder.Logs, Path.Combine(folder.Root, "run"), folder.Static])
        {
            Directory.CreateDirectory(sub);
        }

        foreach (var writable in (string[])[Path.Combine(folder.Root, "tmp"), Path.Combine(folder.Root, "lock"), folder.Dav])
        {
            Directory.CreateDirectory(writable);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(writable, (UnixFileMode)0b111_111_111); // 0777: see the class comment
            }
        }

        return folder;
    }

    public string Write(string relativePath, string text)
    {
        var file = Path.Combine(Root, relativePath);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>The file's text, or "" when it is not there (a server that failed early may not have made it).</summary>
    public string Read(string relativePath)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Root, relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Deletes the folder; a few tries, since a server's last worker may still be closing a file.</summary>
    public bool TryDelete()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }

                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }

        return !Directory.Exists(Root);
    }
}

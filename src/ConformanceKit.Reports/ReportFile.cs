using System.Text;

namespace ConformanceKit.Reports;

/// <summary>Where every writer puts its file: the folder is created, text is UTF-8 without a byte-order mark.</summary>
internal static class ReportFile
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static void WriteText(string path, string text)
    {
        PrepareFolder(path);
        File.WriteAllText(path, text, Utf8);
    }

    public static void PrepareFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}

using System.Globalization;
using Maestro.TestSupport.Git;

namespace Maestro.Bench.Scenarios;

/// <summary>A committed repository of <c>files</c> small text files in folders of 100, as the git scenarios measure.</summary>
internal static class GeneratedRepository
{
    public static TestRepository Create(int files)
    {
        var repo = TestRepository.Create();
        for (var i = 0; i < files; i++)
        {
            var folder = (i / 100).ToString("D4", CultureInfo.InvariantCulture);
            var lines = Enumerable.Range(0, 40).Select(l => string.Create(CultureInfo.InvariantCulture, $"file {i} line {l}: some text of a typical length for source code\n"));
            repo.Write($"src/{folder}/file{i}.txt", string.Concat(lines));
        }

        repo.CommitAll("generated");

        // Files written in the same second as the index are "racily clean": git (and libgit2) re-read every
        // one of them on each status or diff. A real tree is older than its index; let a second pass, then
        // refresh the index once, so neither side measures that artefact.
        Thread.Sleep(TimeSpan.FromSeconds(1.1));
        repo.Git("update-index", "--really-refresh");
        repo.Git("status", "--porcelain");
        return repo;
    }

    /// <summary>Flushes written files to disk, so one side's pending writes do not slow the other's timing.</summary>
    public static void Sync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sync") { UseShellExecute = false })!;
        process.WaitForExit();
    }

    public static string PathOf(int i) => $"src/{(i / 100).ToString("D4", CultureInfo.InvariantCulture)}/file{i}.txt";
}

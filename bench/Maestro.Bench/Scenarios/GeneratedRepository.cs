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

        // Refresh the index's stat data once, as any editor's git status would, so neither side pays for it.
        repo.Git("status", "--porcelain");
        return repo;
    }

    public static string PathOf(int i) => $"src/{(i / 100).ToString("D4", CultureInfo.InvariantCulture)}/file{i}.txt";
}

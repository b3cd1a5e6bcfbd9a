using System.Globalization;
using System.Text;
using System.Text.Json;
using Maestro.Server.Git.Worktrees;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;

namespace Maestro.Server.Playbooks.Import;

/// <summary>
/// Turns a playbook saved by the Maestro desktop app (a JSON file) into a Playbook folder: its documents copied in
/// run order (a number in front of each name, since a folder runs in file-name order) and a <c>playbook.yaml</c> with
/// what carries over. Everything else is named in <see cref="PlaybookImportResult.NotCarried"/>. The app's own
/// files are never changed, and a folder that would not load is not left behind.
/// </summary>
public static class PlaybookImporter
{
    /// <summary>What Maestro's prompt needs and the app's default prompt lacks: the app's agent picks its own task.</summary>
    private const string TaskPlaceholder = "{{task}}";

    /// <param name="file">The app's JSON: one playbook, a list, or its <c>{"playbooks": [...]}</c> file.</param>
    /// <param name="name">Which playbook when the file holds several.</param>
    /// <param name="documentsFolder">The app's Auto Run folder; by default the JSON's folder, then <c>.maestro/playbooks</c> and <c>Auto Run Docs</c> of <paramref name="cwd"/>.</param>
    /// <param name="outFolder">Where to make the Playbook folder; by default <c>playbooks/NAME</c> in <paramref name="cwd"/>.</param>
    /// <exception cref="PlaybookInvalidException">The file, a document or the result is unusable; the message says which and why.</exception>
    public static async Task<PlaybookImportResult> ImportAsync(string file, string? name, string? documentsFolder, string? outFolder, string cwd, CancellationToken cancellationToken)
    {
        var json = Path.GetFullPath(file, cwd);
        if (!File.Exists(json))
        {
            throw new PlaybookInvalidException($"There is no file '{file}' to import.");
        }

        var playbook = Pick(Read(await File.ReadAllTextAsync(json, cancellationToken), json), name, json);
        var entries = playbook.Documents?.Where(d => !string.IsNullOrWhiteSpace(d.Filename)).ToList() ?? [];
        if (entries.Count == 0)
        {
            throw new PlaybookInvalidException($"{json}: the playbook '{playbook.Name}' lists no documents.");
        }

        var sources = FindDocuments(entries, documentsFolder is null ? null : Path.GetFullPath(documentsFolder, cwd), json, cwd);
        var target = Path.GetFullPath(outFolder ?? Path.Combine("playbooks", Slug(playbook.Name ?? Path.GetFileNameWithoutExtension(json))), cwd);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new PlaybookInvalidException($"'{target}' already exists and is not empty: choose another folder with --out, or remove it.");
        }

        Directory.CreateDirectory(target);
        try
        {
            var copied = CopyDocuments(sources, target);
            var notCarried = new List<string>();
            var yaml = Settings(playbook, entries, json, notCarried, out var prompt);
            await File.WriteAllTextAsync(Path.Combine(target, PlaybookLoader.ConfigFileName), yaml + PromptYaml(prompt), cancellationToken);
            try
            {
                await PlaybookLoader.LoadAsync(target, cancellationToken);
            }
            catch (PlaybookInvalidException ex) when (prompt is not null)
            {
                // The app's prompt uses something Maestro's template refuses: keep the built-in prompt, and the app's beside it.
                await File.WriteAllTextAsync(Path.Combine(target, PlaybookLoader.ConfigFileName), yaml, cancellationToken);
                await KeepAppPromptAsync(target, prompt, cancellationToken);
                notCarried.Add($"the prompt: Maestro refused it ({ex.Message}); the built-in prompt is used, the app's is in app-prompt.txt.");
                await PlaybookLoader.LoadAsync(target, cancellationToken);
            }

            if (prompt is null && !string.IsNullOrWhiteSpace(playbook.Prompt))
            {
                await KeepAppPromptAsync(target, playbook.Prompt, cancellationToken);
            }

            return new PlaybookImportResult { Folder = target, Documents = copied, NotCarried = notCarried };
        }
        catch
        {
            Directory.Delete(target, recursive: true);
            throw;
        }
    }

    private static IReadOnlyList<AppPlaybook> Read(string text, string json)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => root.Deserialize(AppPlaybookJsonContext.Default.IReadOnlyListAppPlaybook) ?? [],
                JsonValueKind.Object when root.TryGetProperty("playbooks", out _) => root.Deserialize(AppPlaybookJsonContext.Default.AppPlaybookStore)?.Playbooks ?? [],
                JsonValueKind.Object => [root.Deserialize(AppPlaybookJsonContext.Default.AppPlaybook)!],
                _ => throw new PlaybookInvalidException($"{json}: not a saved playbook (expected a JSON object or list)."),
            };
        }
        catch (JsonException ex)
        {
            throw new PlaybookInvalidException($"{json}, line {(ex.LineNumber ?? 0) + 1}: not valid JSON: {ex.Message.Split(" Path:")[0]}", ex);
        }
    }

    private static AppPlaybook Pick(IReadOnlyList<AppPlaybook> playbooks, string? name, string json)
    {
        if (name is not null)
        {
            return playbooks.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new PlaybookInvalidException($"{json} holds no playbook named '{name}'; it holds: {Names(playbooks)}.");
        }

        return playbooks.Count switch
        {
            0 => throw new PlaybookInvalidException($"{json} holds no playbook."),
            1 => playbooks[0],
            _ => throw new PlaybookInvalidException($"{json} holds {playbooks.Count} playbooks ({Names(playbooks)}): pick one with --name."),
        };
    }

    private static string Names(IReadOnlyList<AppPlaybook> playbooks) => string.Join(", ", playbooks.Select(p => $"'{p.Name}'"));

    /// <summary>Each entry's file, from the first folder that holds them all.</summary>
    private static List<string> FindDocuments(List<AppPlaybookDocument> entries, string? documentsFolder, string json, string cwd)
    {
        string[] folders = documentsFolder is not null
            ? [documentsFolder]
            : [Path.GetDirectoryName(json)!, Path.Combine(cwd, ".maestro", "playbooks"), Path.Combine(cwd, "Auto Run Docs")];
        string? firstMissing = null;
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            var found = entries.Select(e => Resolve(folder, e.Filename!)).ToList();
            if (found.All(f => f is not null))
            {
                return found!;
            }

            firstMissing ??= entries[found.FindIndex(f => f is null)].Filename;
        }

        throw new PlaybookInvalidException(
            $"The document '{firstMissing}' of the playbook was not found in {string.Join(", ", folders.Distinct(StringComparer.Ordinal).Select(f => $"'{f}'"))}: pass the app's Auto Run folder with --docs.");
    }

    private static string? Resolve(string folder, string filename)
    {
        if (Path.IsPathRooted(filename) || filename.Split('/', '\\').Contains(".."))
        {
            throw new PlaybookInvalidException($"The document '{filename}' is outside the Auto Run folder; the app's playbooks name files inside it.");
        }

        foreach (var candidate in new[] { filename, filename + ".md" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static List<string> CopyDocuments(List<string> sources, string target)
    {
        var width = sources.Count.ToString(CultureInfo.InvariantCulture).Length < 2 ? 2 : sources.Count.ToString(CultureInfo.InvariantCulture).Length;
        var copied = new List<string>();
        for (var i = 0; i < sources.Count; i++)
        {
            var name = Path.GetFileName(sources[i]);
            if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                name += ".md";
            }

            var destination = Path.Combine(target, $"{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}-{name}");
            File.Copy(sources[i], destination);
            copied.Add(destination);
        }

        return copied;
    }

    /// <summary>The <c>playbook.yaml</c> without its prompt; what does not carry over goes into <paramref name="notCarried"/>.</summary>
    private static string Settings(AppPlaybook playbook, List<AppPlaybookDocument> entries, string json, List<string> notCarried, out string? prompt)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"# Imported by 'maestro playbooks import' from {json}");
        yaml.Append(playbook.Name is null ? "\n" : $" (the Maestro desktop app's playbook '{playbook.Name}')\n");
        if (playbook.LoopEnabled)
        {
            if (playbook.MaxLoops is > 0 and var loops)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"loops: {loops}\n");
            }
            else
            {
                notCarried.Add("the loop without a limit: a Maestro run makes a set number of passes; pass --loops N to 'maestro run' (one pass is made otherwise).");
            }

            if (entries.Any(e => !e.ResetOnCompletion))
            {
                notCarried.Add("documents without 'reset on completion' in a loop: Maestro unchecks every document's boxes between passes.");
            }
        }
        else if (entries.Where(e => e.ResetOnCompletion).Select(e => e.Filename).ToList() is { Count: > 0 } reset)
        {
            notCarried.Add($"'reset on completion' of {string.Join(", ", reset)}: a single Maestro pass leaves the boxes ticked; uncheck them (or run with --loops) to repeat the run.");
        }

        if (playbook.WorktreeSettings is { } worktree)
        {
            var branch = worktree.BranchNameTemplate?.Trim();
            if (!string.IsNullOrEmpty(branch) && !branch.Contains("{{", StringComparison.Ordinal) && BranchName.Problem(branch) is null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"worktree: '{branch.Replace("'", "''", StringComparison.Ordinal)}'\n");
            }
            else if (!string.IsNullOrEmpty(branch))
            {
                notCarried.Add($"the worktree branch '{branch}': not a fixed, valid branch name; pass one with --worktree to 'maestro run'.");
            }

            if (worktree.CreatePROnCompletion)
            {
                notCarried.Add("opening a pull request when the run is done" + (worktree.PrTargetBranch is { } into ? $" (into {into})" : string.Empty) + ": Maestro leaves the branch for you ('maestro worktree merge', or your forge's CLI).");
            }
        }

        if (string.Equals(playbook.TaskSelectionMode, "document", StringComparison.OrdinalIgnoreCase))
        {
            notCarried.Add("a whole document per agent session: Maestro gives each task its own session.");
        }

        prompt = playbook.Prompt is { } text && text.Contains(TaskPlaceholder, StringComparison.Ordinal) ? text : null;
        if (prompt is null && !string.IsNullOrWhiteSpace(playbook.Prompt))
        {
            notCarried.Add("the prompt: the app's agent picks its own task, Maestro's prompt names it ({{task}}); the built-in prompt is used, the app's is in app-prompt.txt to adapt and put in playbook.yaml as 'prompt'.");
        }

        return yaml.ToString();
    }

    private static string PromptYaml(string? prompt)
    {
        if (prompt is null)
        {
            return string.Empty;
        }

        // A literal block with an explicit indentation, so a first line that starts with spaces stays as it is.
        var lines = prompt.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return "prompt: |2-\n" + string.Concat(lines.Select(l => l.Length == 0 ? "\n" : "  " + l + "\n"));
    }

    private static Task KeepAppPromptAsync(string target, string prompt, CancellationToken cancellationToken)
        => File.WriteAllTextAsync(Path.Combine(target, "app-prompt.txt"), prompt, cancellationToken);

    private static string Slug(string name)
    {
        var slug = new string(name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return slug.Length == 0 ? "imported-playbook" : slug;
    }
}

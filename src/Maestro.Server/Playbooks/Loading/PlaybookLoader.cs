using Maestro.Server.Files;
using Maestro.Server.Git;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Markers;
using Maestro.Server.Playbooks.Prompts;

namespace Maestro.Server.Playbooks.Loading;

/// <summary>
/// Loads a playbook from disk and says exactly what is wrong when it cannot: no such path, no documents, a
/// document with no tasks, text that is not UTF-8, malformed front matter or <c>playbook.yaml</c>. Read only.
/// </summary>
public static class PlaybookLoader
{
    public const string ConfigFileName = "playbook.yaml";

    /// <summary>The largest document or playbook.yaml read; a playbook is a to-do list, not a data set.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Folder documents that describe the playbook rather than hold its tasks.</summary>
    private static readonly string[] IgnoredDocuments = ["README.md", "README.markdown"];

    /// <summary>Settings that belong to the whole run; in a folder they go in playbook.yaml, not a document.</summary>
    private static readonly string[] RunWideKeys = ["loops", "worktree", "worktreeBase", "budget", "onTaskFailure"];

    public static async Task<Playbook> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new PlaybookInvalidException("No playbook path was given.");
        }

        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full) && System.IO.Path.GetFileName(full) is ConfigFileName or "playbook.yml")
        {
            full = System.IO.Path.GetDirectoryName(full)!;
        }

        if (Directory.Exists(full))
        {
            return await LoadFolderAsync(full, cancellationToken);
        }

        if (File.Exists(full))
        {
            var document = await LoadDocumentAsync(full, PlaybookConfig.Empty, runWideAllowed: true, cancellationToken);
            return new Playbook
            {
                Path = full,
                Name = System.IO.Path.GetFileNameWithoutExtension(full),
                IsFolder = false,
                Config = document.Config,
                Documents = [document],
            };
        }

        throw new PlaybookInvalidException($"There is no playbook at '{path}': no such folder or file.");
    }

    /// <summary>The markdown documents of a folder playbook, in file-name (ordinal) order.</summary>
    public static IReadOnlyList<string> DocumentsOf(string folder)
        => Directory.EnumerateFiles(folder)
            .Where(IsMarkdown)
            .Where(f => !IgnoredDocuments.Contains(System.IO.Path.GetFileName(f), StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => System.IO.Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();

    public static bool IsMarkdown(string file)
        => file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    private static async Task<Playbook> LoadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var config = PlaybookConfig.Empty;
        var configPath = new[] { ConfigFileName, "playbook.yml" }.Select(n => System.IO.Path.Combine(folder, n)).FirstOrDefault(File.Exists);
        if (configPath is not null)
        {
            config = PlaybookConfigReader.Read(System.Text.Encoding.UTF8.GetString(await ReadBytesAsync(configPath, cancellationToken)).TrimStart('\uFEFF'), configPath);
        }

        var files = DocumentsOf(folder);
        if (files.Count == 0)
        {
            throw new PlaybookInvalidException($"The playbook folder '{folder}' has no markdown documents (*.md); add one with task list items such as '- [ ] Write the tests'.");
        }

        var documents = new List<PlaybookDocument>(files.Count);
        foreach (var file in files)
        {
            documents.Add(await LoadDocumentAsync(file, config, runWideAllowed: false, cancellationToken));
        }

        return new Playbook
        {
            Path = folder,
            Name = System.IO.Path.GetFileName(folder),
            IsFolder = true,
            Config = config,
            Documents = documents,
        };
    }

    /// <summary>Loads one document; also used to re-read a document during a run.</summary>
    public static async Task<PlaybookDocument> LoadDocumentAsync(string file, PlaybookConfig inherited, bool runWideAllowed, CancellationToken cancellationToken)
    {
        var parsed = await ReadTasksAsync(file, cancellationToken);
        var own = PlaybookConfig.Empty;
        if (parsed.FrontMatter is not null)
        {
            own = PlaybookConfigReader.Read(parsed.FrontMatter, file, parsed.FrontMatterLine);
            var misplaced = RunWideKeys.Where(k => k switch
            {
                "loops" => own.Loops is not null,
                "worktree" => own.Worktree is not null,
                "worktreeBase" => own.WorktreeBase is not null,
                "budget" => own.Budget is not null,
                _ => own.OnTaskFailure is not null,
            }).ToList();
            if (!runWideAllowed && misplaced.Count > 0)
            {
                throw new PlaybookInvalidException($"{file}: {string.Join(", ", misplaced)} apply to the whole run; in a folder playbook set them in {ConfigFileName}, not in a document's front matter.");
            }
        }

        if (parsed.Tasks.Count == 0)
        {
            throw new PlaybookInvalidException($"{file} has no tasks. A Playbook document needs GitHub task list items such as '- [ ] Write the tests' (a '- [ ]' inside a code block does not count).");
        }

        var config = own.Over(inherited);
        var markers = MarkerScanner.Scan(parsed);
        return new PlaybookDocument
        {
            Path = file,
            Name = System.IO.Path.GetFileName(file),
            Config = config,
            Parsed = parsed,
            Prompt = PromptTemplate.Parse(config.Prompt, file),
            Markers = markers,
            Warnings = [.. HumanStepWarnings.Find(parsed), .. ModelTiers.Warnings(markers)],
        };
    }

    /// <summary>
    /// A document's or playbook.yaml's bytes: a regular file (reached through links, as a user may link a document
    /// in) of at most <see cref="MaxFileBytes"/>. A FIFO, a device such as /dev/zero or a huge file is refused before
    /// anything is read, so it can neither block the request nor fill memory.
    /// </summary>
    private static async Task<byte[]> ReadBytesAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = RegularFile.OpenRead(RealPath.Resolve(file), MaxFileBytes);
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PlaybookInvalidException($"The document {file} is gone: it was deleted or renamed.", ex);
        }
        catch (Exception ex) when (ex is UnsafeFileException)
        {
            throw new PlaybookInvalidException($"{file} cannot be a Playbook document: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PlaybookInvalidException($"The document {file} cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads and parses a document's tasks; any problem is a <see cref="PlaybookInvalidException"/> naming the file.</summary>
    public static async Task<TaskDocument> ReadTasksAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(file, cancellationToken);
        try
        {
            return TaskListParser.Parse(bytes);
        }
        catch (DocumentEncodingException ex)
        {
            throw new PlaybookInvalidException($"{file} cannot be a Playbook document: {ex.Message}.", ex);
        }
    }
}

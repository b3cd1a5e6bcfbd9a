using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Playbooks.Import;

namespace Maestro.Server.Cli;

/// <summary><c>maestro playbooks list|import</c>: the Playbooks of a folder, and the desktop app's saved playbooks made into ours.</summary>
internal static class PlaybooksCommand
{
    public static Command Create()
    {
        var command = new Command("playbooks", "List the Playbooks of a folder, or import one saved by the Maestro desktop app.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Import());
        return command;
    }

    private static Command List()
    {
        var cwd = new Option<string?>("--cwd") { Description = "The project folder (default: the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the playbooks/list result)." };
        var command = new Command("list", "The Playbooks found in the project (playbooks/, .maestro/playbooks/, Auto Run Docs/, …): tasks done, and why one cannot run.") { cwd, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var listed = await client.InvokeAsync<PlaybooksListResult>(Methods.PlaybooksList, new PlaybooksListParams { Cwd = Path.GetFullPath(result.GetValue(cwd) ?? Environment.CurrentDirectory) }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(listed, CliJsonContext.Default.PlaybooksListResult));
                return ExitCodes.Ok;
            }

            if (listed.Playbooks.Count == 0)
            {
                CliNotes.Write("No Playbooks here. A Playbook is a markdown checklist, or a folder of them, in playbooks/ or .maestro/playbooks/ (docs/playbooks.md).");
                return ExitCodes.Ok;
            }

            var table = new CliTable("NAME", "DONE", "DOCS", "PATH") { Flexible = 3, KeepEnd = true, RightAligned = new HashSet<int> { 1, 2 } };
            foreach (var playbook in listed.Playbooks)
            {
                var done = playbook.Documents.Sum(d => d.Done);
                var total = playbook.Documents.Sum(d => d.Total);
                table.Add(playbook.Name, playbook.Error is null ? $"{done}/{total}" : "invalid", playbook.Documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), playbook.Path);
            }

            table.Write(CliConsole.Out);
            foreach (var playbook in listed.Playbooks.Where(p => p.Error is not null))
            {
                Console.Error.WriteLine($"{playbook.Name}: {playbook.Error}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "The app's saved playbook: a JSON file with one playbook, a list, or its {\"playbooks\": [...]} file." };
        var name = new Option<string?>("--name") { Description = "Which playbook, when the file holds several." };
        var docs = new Option<string?>("--docs") { Description = "The app's Auto Run folder holding the documents (default: the JSON's folder, then .maestro/playbooks and Auto Run Docs)." };
        var output = new Option<string?>("--out") { Description = "The Playbook folder to make (default: playbooks/NAME)." };
        var cwd = new Option<string?>("--cwd") { Description = "The project folder the defaults are relative to (default: the current folder)." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {folder, documents, notCarried}." };
        var command = new Command("import", "Make a Playbook folder (documents in order and a playbook.yaml) from a playbook the Maestro desktop app saved, and say what did not carry over.")
        {
            file, name, docs, output, cwd, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var imported = await PlaybookImporter.ImportAsync(
                Path.GetFullPath(result.GetValue(file)!),
                result.GetValue(name),
                result.GetValue(docs) is { } d ? Path.GetFullPath(d) : null,
                result.GetValue(output) is { } o ? Path.GetFullPath(o) : null,
                Path.GetFullPath(result.GetValue(cwd) ?? Environment.CurrentDirectory),
                cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(imported, CliJsonContext.Default.PlaybookImportResult));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine($"Imported into {imported.Folder}:");
            foreach (var document in imported.Documents)
            {
                CliConsole.Out.WriteLine($"  {Path.GetFileName(document)}");
            }

            if (imported.NotCarried.Count > 0)
            {
                CliConsole.Out.WriteLine("Not carried over:");
                foreach (var note in imported.NotCarried)
                {
                    CliConsole.Out.WriteLine($"  - {note}");
                }
            }

            CliConsole.Out.WriteLine($"Run it with: maestro run {imported.Folder} --agent AGENT");
            return ExitCodes.Ok;
        });
        return command;
    }
}

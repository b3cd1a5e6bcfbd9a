using System.Diagnostics;
using System.Text;
using Maestro.Protocol;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Runs;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Bench.Scenarios;

/// <summary>
/// Playbooks: (1) parse and write back one box of a generated 1,000-task document, beside a plain read and write
/// of the same file; (2) the runner's overhead per task: a run of N tasks with the Claude Code STAND-IN script as
/// the agent (a shell script that ticks the box; not the real CLI), minus the stand-in's own time run directly.
/// </summary>
internal sealed class PlaybookScenario : IBenchScenario
{
    public string Name => "playbooks";

    public string Description => "1,000-task document parse + write-back vs plain read/write; runner overhead per task vs the agent stand-in alone";

    public async Task RunAsync(BenchContext context)
    {
        await ParseAndWriteBackAsync(context);
        await RunnerOverheadAsync(context);
    }

    private async Task ParseAndWriteBackAsync(BenchContext context)
    {
        using var folder = new TempDirectory("bench-pb");
        var path = folder.Combine("big.md");
        await File.WriteAllBytesAsync(path, Document(1000));
        var iterations = context.Iterations(50);

        // Warm up both paths (JIT, file cache).
        await WriteBackAsync(path, 0);
        Plain(path);

        var plain = new List<double>();
        var parse = new List<double>();
        var writeBack = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            plain.Add(Plain(path));
            var watch = Stopwatch.StartNew();
            var tasks = TaskListParser.Parse(await File.ReadAllBytesAsync(path)).Tasks;
            parse.Add(watch.Elapsed.TotalMilliseconds);
            if (tasks.Count != 1000)
            {
                throw new InvalidOperationException($"Expected 1,000 tasks, parsed {tasks.Count}.");
            }

            writeBack.Add(await WriteBackAsync(path, i));
        }

        var baseline = Stats.Median(plain);
        context.Report(Name, "plain File.ReadAllText + WriteAllText of the 1,000-task document (median)", baseline, "ms");
        context.Report(Name, "read + parse the 1,000-task document (median)", Stats.Median(parse), "ms", baseline, "plain read/write");
        context.Report(Name, "read + parse + write back one box of it (median)", Stats.Median(writeBack), "ms", baseline, "plain read/write");
        context.Report(Name, "read + parse + write back one box, against the target", Stats.Median(writeBack), "ms", target: 20);
    }

    private async Task RunnerOverheadAsync(BenchContext context)
    {
        using var folder = new TempDirectory("bench-run");
        var standIn = ClaudeStandIn.Create(folder.Path);
        var home = folder.Combine("home");
        Directory.CreateDirectory(home);
        await MaestroAgentSettings.WriteAsync(home, "claude-code", standIn, new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = folder.Path });
        var tasks = context.Smoke ? 3 : 40;
        var doc = folder.Combine("work", "pb.md");
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);

        await using var server = new TestServer(home: home);
        var runs = server.Services.GetRequiredService<RunService>();

        // Warm-up run, then the measured one: per task, the time from taskStarted to taskDone and to the next taskStarted.
        await RunOnceAsync(runs, doc, 3);
        var perTask = await RunOnceAsync(runs, doc, tasks);

        // The agent alone: the stand-in run directly, with a prompt like the runner's, against the same kind of document.
        var alone = new List<double>();
        for (var i = 0; i < tasks; i++)
        {
            await File.WriteAllTextAsync(doc, "- [ ] Task\n");
            var prompt = $"Document: {doc}\nYour task (line 1 of the document): Task\n";
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(standIn, ["-p", "--output-format", "stream-json", "--", prompt]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            alone.Add(watch.Elapsed.TotalMilliseconds);
        }

        var agent = Stats.Median(alone);
        var runner = Stats.Median(perTask);
        context.Report(Name, "agent stand-in alone, one turn (median)", agent, "ms");
        context.Report(Name, $"one task through the runner, {tasks} tasks (median, stand-in agent)", runner, "ms", agent, "stand-in alone");
        context.Report(Name, "runner overhead per task (median task time − median stand-in time)", runner - agent, "ms", target: 50);
    }

    /// <summary>Runs a fresh playbook of <paramref name="count"/> tasks to the end; returns each task's time, start to the next start.</summary>
    private static async Task<List<double>> RunOnceAsync(RunService runs, string doc, int count)
    {
        await File.WriteAllTextAsync(doc, string.Concat(Enumerable.Range(1, count).Select(i => $"- [ ] Task {i}\n")));
        var stamps = new List<double>();
        var clock = Stopwatch.StartNew();
        void OnProgress(object? sender, RunProgressEventArgs e)
        {
            if (e.Notification.Event is RunProgressKind.TaskStarted or RunProgressKind.Finished)
            {
                lock (stamps)
                {
                    stamps.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        runs.Progress += OnProgress;
        try
        {
            var run = await runs.StartAsync(new PlaybookRunParams { Path = doc, AgentId = "claude-code" }, RunOrigin.Daemon, CancellationToken.None);
            var final = await runs.WaitAsync(run.Id, CancellationToken.None);
            if (final.Outcome != RunOutcome.Done)
            {
                throw new InvalidOperationException($"The bench run ended {final.Outcome}: {final.Reason}");
            }
        }
        finally
        {
            runs.Progress -= OnProgress;
        }

        return stamps.Zip(stamps.Skip(1), (a, b) => b - a).ToList();
    }

    /// <summary>What the runner does to write a box: read the file, parse it, find the task, write its byte.</summary>
    private static async Task<double> WriteBackAsync(string path, int i)
    {
        var task = TaskListParser.Parse(await File.ReadAllBytesAsync(path)).Tasks[(i * 37) % 1000];
        var watch = Stopwatch.StartNew();
        await CheckboxWriter.SetAsync(path, task.Text, task.Ordinal, !task.Checked, CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Plain(string path)
    {
        var watch = Stopwatch.StartNew();
        File.WriteAllText(path, File.ReadAllText(path));
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A realistic large playbook document: sections, nested tasks, prose and code blocks between them.</summary>
    private static byte[] Document(int tasks)
    {
        var text = new StringBuilder("# A long playbook\n\nSome context for the agent.\n\n");
        for (var i = 0; i < tasks; i++)
        {
            if (i % 50 == 0)
            {
                text.Append("\n## Section ").Append(i / 50).Append("\n\nWhy this section matters, in a sentence or two.\n\n```sh\n- [ ] not a task, in code\n```\n\n");
            }

            text.Append(i % 5 == 4 ? "  - [ ] " : "- [ ] ").Append("Task number ").Append(i).Append(": update the module and its tests\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Running;
using Maestro.Server.Sessions.Resilience;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Sessions.Resilience;

/// <summary>A CLI's output read the way Maestro reads a turn: its agent's parser, then its agent's failure classifier.</summary>
internal static class RecordedFailure
{
    public static TurnFailure? Classify(string agentId, IReadOnlyList<string> stdout, int exitCode, string stderr, DateTimeOffset now)
    {
        var definition = KnownAgents.All.Single(a => a.Id == agentId);
        var parser = definition.StreamParser!(new AgentTurn { TurnId = "t", SessionId = "s", Prompt = "p", WorkingDirectory = "/tmp" });
        string? lastMessage = null;
        foreach (var line in stdout)
        {
            foreach (var e in parser.Parse(line))
            {
                if (e is MessageEvent { Role: "assistant" } message)
                {
                    lastMessage = message.Text;
                }
            }
        }

        var process = new AgentProcessResult { ExitCode = exitCode, TimedOut = false, Cancelled = false, StderrTail = stderr };
        var outcome = TurnOutcomes.From(definition.Name, process, parser.Outcome, parser.Garbage);
        return definition.FailureClassifier.Classify(new FailedTurn(outcome, lastMessage, now));
    }

    public static TurnFailure? Classify(string agentId, CliResult run, DateTimeOffset now) => Classify(agentId, run.StdoutLines, run.ExitCode, run.Stderr, now);

    /// <summary>A fixture recorded from a real CLI (tests/fixtures/agents/&lt;agent&gt;/&lt;scenario&gt;.jsonl), exit code 1 unless a successful turn.</summary>
    public static TurnFailure? ClassifyFixture(string agentId, string folder, string scenario, DateTimeOffset now, int exitCode = 1)
    {
        var path = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", folder, scenario + ".jsonl");
        var stderrPath = Path.ChangeExtension(path, null) + ".stderr.txt";
        return Classify(agentId, File.ReadAllLines(path), exitCode, File.Exists(stderrPath) ? File.ReadAllText(stderrPath) : string.Empty, now);
    }
}

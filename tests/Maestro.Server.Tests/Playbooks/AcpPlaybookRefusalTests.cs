using System.Text.Json.Nodes;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// A headless run whose backend is an ACP agent (the real claude-agent-acp adapter on the scripted model server):
/// in <c>ask</c> mode with no editor to answer, Maestro refuses the agent's write, and the run's failure names it.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class AcpPlaybookRefusalTests : RealClaudeTestBase
{
    protected override string AgentId => "acp:claude";

    protected override string SandboxName => "acp-pb-refusal";

    [Fact]
    public async Task A_write_refused_in_ask_mode_with_no_editor_is_named_in_the_failure()
    {
        var doc = Path.Combine(Sandbox.Repo, "playbooks", "notes.md");
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        await File.WriteAllTextAsync(doc, "---\nretries: 0\n---\n- [ ] Write the notes\n");
        var target = Sandbox.RepoFile("NOTES.md");
        Model.EnqueueTurn(
            ScriptStep.ToolCall("Write", new JsonObject { ["file_path"] = target, ["content"] = "notes\n" }.ToJsonString()),
            ScriptStep.Text("I was not allowed to write the notes."));

        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "run", doc, "--agent", "acp:claude", "--json", "--in-process", "--cwd", Sandbox.Repo, "--permission-mode", "ask");

        Assert.True(exit == 10, $"exit {exit}\n{stderr}\n{stdout}");
        Assert.False(File.Exists(target));
        var failed = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Single(l => (string)l["event"]! == "taskFailed");
        Assert.Contains($"The ask permission mode refused 1 tool call: Write `{target}`.", (string)failed["message"]!, StringComparison.Ordinal);
    }
}

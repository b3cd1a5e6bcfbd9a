using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// The real <c>maestro</c> binary (MAESTRO_BIN, <c>serve --stdio --in-process</c>) fed what blew up its memory in the
/// audit: a huge agent line, an ACP agent flooding updates, several huge client messages. Its peak resident memory
/// (VmHWM in /proc) must stay under a generous ceiling. The agents are the misbehaving STAND-INS of
/// <see cref="MisbehavingAgentTests"/>; sizes are short here, the audit's with MAESTRO_LONG_TESTS=1.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class AgentFaultMemoryTests : IAsyncLifetime
{
    /// <summary>The issue's target under the flood and huge-line cases.</summary>
    private const long CeilingBytes = 300L * 1024 * 1024;

    private TempDirectory home = null!;
    private TempDirectory work = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("fault-memory-home");
        work = new TempDirectory("fault-memory-work");
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        home.Dispose();
        work.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("claude-code", "huge-line")]
    [InlineData("acp:misbehaving", "huge-line")]
    [InlineData("acp:misbehaving", "flood")]
    public async Task A_misbehaving_agent_leaves_the_daemons_memory_bounded(string agentId, string fault)
    {
        await using var maestro = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await maestro.Raw.InitializeAsync("memory");
        var session = await maestro.Raw.CallAsync(1, Methods.SessionsCreate, new { agentId, cwd = work.Path, permissionMode = "bypass" });
        var sessionId = (string)session["result"]!["id"]!;

        var reply = await maestro.Raw.CallAsync(2, Methods.SessionsPrompt, new { sessionId, text = fault });

        Assert.True((string?)reply["result"]?["stopReason"] == "endTurn", reply.ToJsonString() + "\n" + maestro.Stderr);
        var peak = PeakResidentBytes(maestro.Process.Id);
        Assert.True(peak < CeilingBytes, $"peak RSS {peak / 1048576} MiB for {agentId} {fault}");
    }

    [Fact]
    public async Task Three_huge_client_messages_leave_the_daemons_memory_bounded()
    {
        await using var maestro = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await maestro.Raw.InitializeAsync("memory");
        var megabytes = MisbehavingAgents.LongMode ? 60 : 40;
        var text = new string('z', megabytes * 1024 * 1024);
        for (var i = 0; i < 3; i++)
        {
            await maestro.Raw.SendAsync(LspFraming.Frame(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = 10 + i,
                ["method"] = Methods.SessionsRename,
                ["params"] = new JsonObject { ["sessionId"] = "nope", ["name"] = text },
            }));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await maestro.Raw.ReceiveAsync(TimeSpan.FromSeconds(60)))["error"]);
        }

        var alive = await maestro.Raw.CallAsync(99, "no/such/method");
        Assert.Equal(99, (int)alive["id"]!);
        var peak = PeakResidentBytes(maestro.Process.Id);
        Assert.True(peak < CeilingBytes, $"peak RSS {peak / 1048576} MiB after three {megabytes} MB messages");
    }

    [Fact]
    public async Task Errors_sent_to_an_ACP_agent_are_plain_words_without_a_stack_trace()
    {
        await using var maestro = MaestroProcess.Start(home.Path, "serve", "--stdio", "--in-process");
        await maestro.Raw.InitializeAsync("words");
        var session = await maestro.Raw.CallAsync(1, Methods.SessionsCreate, new { agentId = "acp:misbehaving", cwd = work.Path, permissionMode = "bypass" });
        var sessionId = (string)session["result"]!["id"]!;

        var reply = await maestro.Raw.CallAsync(2, Methods.SessionsPrompt, new { sessionId, text = "read-missing" });
        Assert.Equal("endTurn", (string?)reply["result"]?["stopReason"]);
        var history = await maestro.Raw.CallAsync(3, Methods.SessionsHistory, new { sessionId });
        var said = new StringBuilder();
        foreach (var e in history["result"]!["events"]!.AsArray())
        {
            if ((string?)e!["event"]!["type"] == "message")
            {
                said.Append((string?)e["event"]!["text"]);
            }
        }

        var error = said.ToString();
        Assert.True(error.Contains("read error:", StringComparison.Ordinal), history.ToJsonString());
        Assert.Contains("missing-", error, StringComparison.Ordinal);
        // Resource keys look like IO_FileNotFound_FileName; a stack trace has "   at Namespace.Type.Method".
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]+_[A-Za-z_]+\b", error);
        Assert.DoesNotContain(" at Maestro.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", error, StringComparison.OrdinalIgnoreCase);
    }

    private static long PeakResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}

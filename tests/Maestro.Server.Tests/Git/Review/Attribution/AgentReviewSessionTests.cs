using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using Maestro.TestSupport.ModelServer;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// Issue 14's scenario with the real Claude Code CLI against the scripted model: review offers exactly what the agent
/// changed, labelled with its session; reject restores only that; the user's lines and git's index are never touched;
/// every decision can be undone; what became of each file (kept, rejected) is told to every client, not only the one
/// that decided.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class AgentReviewSessionTests : RealClaudeTestBase
{
    private static readonly string Thirty = string.Concat(Enumerable.Range(1, 30).Select(i => $"alpha {i:00}\n"));

    protected override string SandboxName => "review-attr";

    private static string Json(JsonObject o) => o.ToJsonString();

    private static string Replace(string text, string line, string replacement) => text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal);

    private string Index() => TestRepository.GitIn(Sandbox.Repo, "ls-files", "-s") + TestRepository.GitIn(Sandbox.Repo, "diff", "--cached", "--stat");

    private async Task<Session> CreateSessionAsync(JsonRpc rpc)
        => await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });

    private static async Task<SessionPromptResult> PromptAsync(JsonRpc rpc, Session session, string text)
        => await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });

    /// <summary>The decided files another client (a second connection, which decided nothing) reads.</summary>
    private async Task<List<(string SessionId, string Path, ReviewOutcome Outcome, string DecisionId)>> DecidedAsync(JsonRpc other, string? sessionId = null)
        => [.. (await other.AgentChangesAsync(Sandbox.Repo, sessionId)).Decided!.Select(d => (d.SessionId, d.Path, d.Outcome, d.DecisionId))];

    [Fact]
    public async Task Review_offers_only_the_agents_two_hunks_and_reject_undo_and_mixed_keep_the_users_line_and_the_index()
    {
        var notes = Sandbox.RepoFile("notes.txt");
        await File.WriteAllTextAsync(notes, Thirty);
        TestRepository.GitIn(Sandbox.Repo, "add", "notes.txt");
        TestRepository.GitIn(Sandbox.Repo, "commit", "-q", "-m", "notes");

        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("review-attr");
        using var other = await server.ConnectInitializedAsync("review-attr-other");
        var session = await CreateSessionAsync(rpc);
        Model.EnqueueTurn(ScriptStep.ToolCall("Read", Json(new JsonObject { ["file_path"] = notes })));
        Model.EnqueueTurn(ScriptStep.ToolCall("Edit", Json(new JsonObject { ["file_path"] = notes, ["old_string"] = "alpha 03", ["new_string"] = "agent 03" })));
        Model.EnqueueTurn(
            ScriptStep.ToolCall("Edit", Json(new JsonObject { ["file_path"] = notes, ["old_string"] = "alpha 25", ["new_string"] = "agent 25" })),
            ScriptStep.Text("Edited two lines."));
        var turn = await PromptAsync(rpc, session, "Edit lines 3 and 25");
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        // The first prompt named the session (it had its default name): review says that name.
        session = session with { Name = "Edit lines 3 and 25" };
        var agentText = Replace(Replace(Thirty, "alpha 03", "agent 03"), "alpha 25", "agent 25");
        Assert.Equal(agentText, await File.ReadAllTextAsync(notes));

        // The user edits a third place and saves.
        var withUser = Replace(agentText, "alpha 14", "user 14");
        await File.WriteAllTextAsync(notes, withUser);
        var index = Index();

        var review = await rpc.AgentChangesAsync(Sandbox.Repo);
        var file = Assert.Single(review.Files);
        Assert.Equal(("notes.txt", ChangeStatus.Modified, session.Id, turn.TurnId, session.Name), (file.Path, file.Status, file.SessionId, file.TurnId, file.SessionName));
        Assert.Equal(2, file.Hunks.Count);
        Assert.All(file.Hunks, h => Assert.Equal((session.Id, turn.TurnId, "claude-code", session.Name, false), (h.SessionId, h.TurnId, h.AgentId, h.SessionName, h.Mixed)));
        Assert.Contains("+agent 03", file.Hunks[0].Lines);
        Assert.Contains("+agent 25", file.Hunks[1].Lines);
        Assert.DoesNotContain(file.Hunks, h => h.Lines.Any(l => l.Contains("user 14", StringComparison.Ordinal)));
        Assert.Equal(25, file.Hunks[1].NewStart + 3); // where "agent 25" is in the working file, after 3 lines of context
        var summary = Assert.Single(review.Sessions!);
        Assert.Equal((session.Id, session.Name, 2), (summary.SessionId, summary.Name, summary.Hunks));
        Assert.Empty(review.Decided!);

        // Reject the first: only it goes back; the user's line, the other hunk and the index stay.
        var rejected = await rpc.AgentRejectAsync(Sandbox.Repo, [file.Hunks[0].Id]);
        Assert.Equal(1, rejected.Rejected);
        Assert.Equal(Replace(withUser, "agent 03", "alpha 03"), await File.ReadAllTextAsync(notes));
        Assert.Equal(index, Index());
        Assert.Equal(["+agent 25"], Assert.Single(Assert.Single((await rpc.AgentChangesAsync(Sandbox.Repo)).Files).Hunks).Lines.Where(l => l.StartsWith('+')));
        Assert.Equal([(session.Id, "notes.txt", ReviewOutcome.Rejected, rejected.DecisionId!)], await DecidedAsync(other));

        // Undo brings it back, and it is pending again.
        await rpc.UndoAsync(Sandbox.Repo, rejected.DecisionId!);
        Assert.Equal(withUser, await File.ReadAllTextAsync(notes));
        Assert.Equal(2, Assert.Single((await rpc.AgentChangesAsync(Sandbox.Repo)).Files).Hunks.Count);
        await GitRpc.FailsAsync(() => rpc.UndoAsync(Sandbox.Repo, rejected.DecisionId!), ErrorCodes.InvalidParams);
        Assert.Empty(await DecidedAsync(other));

        // Accept keeps the file and the index as they are; the hunk is no longer offered.
        var accepted = await rpc.AgentAcceptAsync(Sandbox.Repo, [file.Hunks[1].Id]);
        Assert.Equal(1, accepted.Accepted);
        Assert.Equal(withUser, await File.ReadAllTextAsync(notes));
        Assert.Equal(index, Index());
        var left = Assert.Single(Assert.Single((await rpc.AgentChangesAsync(Sandbox.Repo)).Files).Hunks);
        Assert.Equal(file.Hunks[0].Id, left.Id);
        Assert.Equal([(session.Id, "notes.txt", ReviewOutcome.Kept, accepted.DecisionId!)], await DecidedAsync(other));
        Assert.Empty(await DecidedAsync(other, "s_someone_else"));

        // The user edits the agent's line: the hunk is mixed, and a reject without confirm names what would be lost.
        var mixedText = Replace(withUser, "agent 03", "user 03");
        await File.WriteAllTextAsync(notes, mixedText);
        var mixed = Assert.Single(Assert.Single((await rpc.AgentChangesAsync(Sandbox.Repo)).Files).Hunks);
        Assert.True(mixed.Mixed);
        var refused = await GitRpc.FailsAsync(() => rpc.AgentRejectAsync(Sandbox.Repo, [mixed.Id]), ErrorCodes.MixedHunk);
        Assert.Contains("user 03", refused.Message, StringComparison.Ordinal);
        Assert.Contains("notes.txt line 3", refused.Message, StringComparison.Ordinal);
        Assert.Equal(mixedText, await File.ReadAllTextAsync(notes));

        var forced = await rpc.AgentRejectAsync(Sandbox.Repo, [mixed.Id], confirm: true);
        Assert.Equal(Replace(mixedText, "user 03", "alpha 03"), await File.ReadAllTextAsync(notes));
        Assert.Contains("user 14", await File.ReadAllTextAsync(notes), StringComparison.Ordinal);
        Assert.Equal(index, Index());
        Assert.Equal([(session.Id, "notes.txt", ReviewOutcome.Rejected, forced.DecisionId!)], await DecidedAsync(other));
        await rpc.UndoAsync(Sandbox.Repo, forced.DecisionId!);
        Assert.Equal(mixedText, await File.ReadAllTextAsync(notes));

        // The latest decision that stands wins: with the reject undone, the file is kept again.
        Assert.Equal([(session.Id, "notes.txt", ReviewOutcome.Kept, accepted.DecisionId!)], await DecidedAsync(other));
    }

    [Fact]
    public async Task Two_sessions_are_told_apart_and_a_rejected_created_file_goes_to_the_trash_and_comes_back()
    {
        await File.WriteAllTextAsync(Sandbox.RepoFile("mine.txt"), "the user's own untracked file\n");
        var made = Sandbox.RepoFile("made.txt");
        var readme = Sandbox.RepoFile("README.md");

        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("review-two");
        using var other = await server.ConnectInitializedAsync("review-two-other");
        var first = await CreateSessionAsync(rpc);
        var second = await CreateSessionAsync(rpc);
        Assert.NotEqual(first.Name, second.Name);

        Model.EnqueueTurn(ScriptStep.ToolCall("Write", Json(new JsonObject { ["file_path"] = made, ["content"] = "made by the first agent\n" })), ScriptStep.Text("Created."));
        var firstTurn = await PromptAsync(rpc, first, "Create made.txt");
        Assert.Equal(StopReason.EndTurn, firstTurn.StopReason);
        first = first with { Name = "Create made.txt" }; // named by its first prompt

        Model.EnqueueTurn(ScriptStep.ToolCall("Read", Json(new JsonObject { ["file_path"] = readme })));
        Model.EnqueueTurn(ScriptStep.ToolCall("Edit", Json(new JsonObject { ["file_path"] = readme, ["old_string"] = "# Sandbox repo", ["new_string"] = "# Sandbox repo, edited" })), ScriptStep.Text("Edited."));
        Assert.Equal(StopReason.EndTurn, (await PromptAsync(rpc, second, "Edit the README")).StopReason);
        second = second with { Name = "Edit the README" };

        // A file the user makes after the turns is nobody's agent change either.
        await File.WriteAllTextAsync(Sandbox.RepoFile("later.txt"), "typed by the user\n");
        var index = Index();

        var review = await rpc.AgentChangesAsync(Sandbox.Repo);
        Assert.Equal(["README.md", "made.txt"], review.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        var created = review.Files.Single(f => f.Path == "made.txt");
        Assert.Equal((ChangeStatus.Added, first.Id, first.Name), (created.Status, created.SessionId, created.SessionName));
        Assert.Equal((second.Id, second.Name), (review.Files.Single(f => f.Path == "README.md").SessionId, review.Files.Single(f => f.Path == "README.md").SessionName));
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), review.Sessions!.Select(s => s.SessionId).Order(StringComparer.Ordinal));
        Assert.Equal(["README.md"], (await rpc.AgentChangesAsync(Sandbox.Repo, second.Id)).Files.Select(f => f.Path));

        // Rejecting the first session's files moves the created one to the trash; the user's files stay.
        var rejected = await rpc.InvokeWithParameterObjectAsync<ReviewRejectResult>(Methods.ReviewReject, new ReviewSelectionParams { Cwd = Sandbox.Repo, Paths = ["."], SessionId = first.Id });
        Assert.Equal(["made.txt"], rejected.Trashed);
        Assert.False(File.Exists(made));
        Assert.Equal("made by the first agent\n", await File.ReadAllTextAsync(Path.Combine(Home.Path, "trash", rejected.DecisionId!, "made.txt")));
        Assert.True(File.Exists(Sandbox.RepoFile("mine.txt")));
        Assert.True(File.Exists(Sandbox.RepoFile("later.txt")));
        Assert.Contains("edited", await File.ReadAllTextAsync(readme), StringComparison.Ordinal);
        Assert.Equal(["README.md"], (await rpc.AgentChangesAsync(Sandbox.Repo)).Files.Select(f => f.Path));
        Assert.Equal(index, Index());
        Assert.Equal([(first.Id, "made.txt", ReviewOutcome.Rejected, rejected.DecisionId!)], await DecidedAsync(other));
        Assert.Equal([(first.Id, "made.txt", ReviewOutcome.Rejected, rejected.DecisionId!)], await DecidedAsync(other, first.Id));
        Assert.Empty(await DecidedAsync(other, second.Id));

        await rpc.UndoAsync(Sandbox.Repo, rejected.DecisionId!);
        Assert.Equal("made by the first agent\n", await File.ReadAllTextAsync(made));
        Assert.Equal(2, (await rpc.AgentChangesAsync(Sandbox.Repo)).Files.Count);
        Assert.Empty(await DecidedAsync(other));

        // Once the trash has been emptied (its retention passed), undo says so and changes nothing.
        var again = await rpc.InvokeWithParameterObjectAsync<ReviewRejectResult>(Methods.ReviewReject, new ReviewSelectionParams { Cwd = Sandbox.Repo, Paths = ["."], SessionId = first.Id });
        Directory.Delete(Path.Combine(Home.Path, "trash", again.DecisionId!), recursive: true);
        var gone = await GitRpc.FailsAsync(() => rpc.UndoAsync(Sandbox.Repo, again.DecisionId!), ErrorCodes.ReviewConflict);
        Assert.Contains("no longer in Maestro's trash", gone.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(made));
    }
}

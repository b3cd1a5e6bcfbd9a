using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Markers;

namespace Maestro.Server.Tests.Playbooks.Markers;

/// <summary>Every marker, live and quoted: a fence, an inline code span and a checkbox line never make one live.</summary>
public sealed class MarkerScannerTests
{
    private static (TaskDocument Doc, IReadOnlyList<DocumentMarker> Markers) Scan(string text)
    {
        var doc = TaskListParser.Parse(text);
        return (doc, MarkerScanner.Scan(doc));
    }

    [Fact]
    public void A_halt_marker_on_its_own_line_is_live_with_its_reason_and_line()
    {
        var (_, markers) = Scan("# Doc\n\n- [ ] Build\n\n<!-- maestro:halt: the build is broken -->\n- [ ] Deploy\n");

        var halt = MarkerScanner.LiveHalt(markers);

        Assert.Equal((5, "the build is broken"), (halt!.Line, halt.Reason));
    }

    [Fact]
    public void A_halt_marker_without_reason_and_in_upper_case_is_live()
    {
        var halt = MarkerScanner.LiveHalt(Scan("- [ ] T\n  <!--MAESTRO:HALT-->\n").Markers);

        Assert.Equal((2, (string?)null), (halt!.Line, halt.Reason));
    }

    [Theory]
    [InlineData("```md\n<!-- maestro:halt: shown -->\n```\n- [ ] T\n")]
    [InlineData("~~~~\n<!-- maestro:halt: shown -->\n~~~\nstill inside\n~~~~\n- [ ] T\n")]
    [InlineData("If the build breaks, write `<!-- maestro:halt: build broken -->` below the task.\n- [ ] T\n")]
    [InlineData("- [ ] Build; if it fails <!-- maestro:halt: build broken -->\n")]
    [InlineData("- [x] Built <!-- maestro:halt: was for a future run -->\n- [ ] T\n")]
    [InlineData("<!-- maestro:halted -->\n- [ ] T\n")]
    public void A_quoted_halt_marker_is_never_live(string text)
    {
        Assert.Null(MarkerScanner.LiveHalt(Scan(text).Markers));
    }

    [Fact]
    public void A_fence_is_closed_only_by_its_own_character_at_least_as_long()
    {
        var (_, markers) = Scan("````\n```\n<!-- maestro:halt: inside -->\n````\n<!-- maestro:halt: outside -->\n- [ ] T\n");

        Assert.Equal("outside", MarkerScanner.LiveHalt(markers)!.Reason);
    }

    [Fact]
    public void A_gate_above_the_next_unchecked_task_holds_it_with_reason_and_artifact()
    {
        var (doc, markers) = Scan("- [x] Draft the design\n\n<!-- MAESTRO:HITL reason=\"Review the design\" artifact=\"docs/design.md\" -->\n\n- [ ] Approve the design\n- [ ] Build it\n");

        var gate = MarkerScanner.PendingGate(doc, markers, doc.Tasks[1]);

        Assert.Equal((3, "Review the design", "docs/design.md"), (gate!.Line, gate.Reason, gate.Artifact));
        Assert.Null(MarkerScanner.PendingGate(doc, markers, doc.Tasks[2])); // a task between: the gate is not this one's
    }

    [Fact]
    public void A_ticked_task_below_the_gate_passes_it()
    {
        var (doc, markers) = Scan("<!-- MAESTRO:HITL reason=\"Look\" -->\n- [x] Approve\n- [ ] Next\n");

        Assert.All(doc.Tasks, t => Assert.Null(MarkerScanner.PendingGate(doc, markers, t)));
    }

    [Fact]
    public void A_gate_with_no_reason_gets_the_default_and_the_first_of_several_wins()
    {
        var (doc, markers) = Scan("<!-- MAESTRO:HITL -->\n<!-- MAESTRO:HITL reason=\"Second\" -->\n- [ ] Approve\n");

        var gate = MarkerScanner.PendingGate(doc, markers, doc.Tasks[0]);

        Assert.Equal((1, MarkerScanner.DefaultGateReason, (string?)null), (gate!.Line, gate.Reason, gate.Artifact));
    }

    [Theory]
    [InlineData("```\n<!-- MAESTRO:HITL reason=\"shown\" -->\n```\n- [ ] Approve\n")]
    [InlineData("Write `<!-- MAESTRO:HITL reason=\"shown\" -->` above a task.\n- [ ] Approve\n")]
    [InlineData("- [ ] Approve <!-- MAESTRO:HITL reason=\"on the task line\" -->\n")]
    [InlineData("- [ ] Approve\n<!-- MAESTRO:HITL reason=\"below\" -->\n")]
    public void A_quoted_or_misplaced_gate_holds_nothing(string text)
    {
        var (doc, markers) = Scan(text);

        Assert.Null(MarkerScanner.PendingGate(doc, markers, doc.Tasks[0]));
    }

    [Fact]
    public void Tasks_only_a_person_can_do_are_warned_about_and_agent_work_is_not()
    {
        var doc = TaskListParser.Parse("""
            - [ ] Manually test the login page
            - [ ] Visually verify the dark theme
            - [ ] Wait for the user to confirm the plan
            - [ ] Get approval from the team lead
            - [ ] Run the tests and verify they pass
            - [ ] Write the visual regression harness docs
            - [x] Manually done already
            """);

        var warnings = HumanStepWarnings.Find(doc);

        Assert.Equal([1, 2, 3, 4], warnings.Select(w => w.Line));
        Assert.All(warnings, w => Assert.Contains("MAESTRO:HITL", w.Message, StringComparison.Ordinal));
        Assert.Contains("a manual step", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("an approval", warnings[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_marker_sets_the_tier_below_it_and_an_inline_one_its_own_task_only()
    {
        var (doc, markers) = Scan("""
            - [ ] Before any hint
            <!-- MAESTRO:MODEL tier="low" effort="low" -->
            - [ ] Catalogue the call sites
            - [ ] Design the migration <!-- MAESTRO:MODEL tier="HIGH" -->
            - [ ] Apply the renames
            - [ ] Opt out <!-- MAESTRO:MODEL tier="default" -->
            ```
            <!-- MAESTRO:MODEL tier="high" -->
            ```
            - [ ] After a fenced example
            """);

        Assert.Equal([null, "low", "high", "low", "default", "low"], doc.Tasks.Select(t => MarkerScanner.TierFor(markers, t)));
        Assert.Equal(("opus", "haiku", (string?)null), (ModelTiers.ModelFor("claude-code", "high"), ModelTiers.ModelFor("claude-code", "low"), ModelTiers.ModelFor("codex", "high")));
    }

    [Fact]
    public void A_model_marker_with_an_unknown_tier_or_an_effort_is_warned_about()
    {
        var (_, markers) = Scan("<!-- MAESTRO:MODEL tier=\"hgih\" -->\n- [ ] T\n<!-- MAESTRO:MODEL tier=\"low\" effort=\"high\" -->\n- [ ] U\n");

        var warnings = ModelTiers.Warnings(markers).ToList();

        Assert.Equal([1, 3], warnings.Select(w => w.Line));
        Assert.Contains("\"hgih\"", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("effort \"high\" is not applied", warnings[1].Message, StringComparison.Ordinal);
    }
}

using Maestro.Protocol;
using Maestro.Server.Cli.Runs;

namespace Maestro.Server.Tests.Cli.Runs;

/// <summary><c>maestro run</c>'s text while the provider is out: a line when the run starts and stops waiting, and a heartbeat on a terminal.</summary>
public sealed class TextRunOutputTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-3);

    [Fact]
    public void Plain_lines_say_what_the_run_waits_for_and_when_it_goes_on()
    {
        var output = new StringWriter();
        using (var text = new TextRunOutput(output, live: false))
        {
            text.Started(Run(RunStatus.Running, null), resumed: false);
            var wait = Wait(DateTimeOffset.UtcNow.AddMinutes(2));
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Waiting, wait), Event = RunProgressKind.Waiting, Task = Task, Message = Maestro.Server.Playbooks.Runs.RunWaitText.Describe(wait) });
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Running, null), Event = RunProgressKind.Resumed, Task = Task, Message = "The provider answered again after 2 failed send(s); the task goes on." });
        }

        var stamped = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(stamped, l => Assert.Matches(@"^\[\d\d:\d\d:\d\d\] ", l)); // each plain line says when
        var lines = stamped.Select(l => l[11..]).ToList();
        Assert.Contains(lines, l => l.StartsWith("  waiting tasks.md:1 First: Waiting for the provider to answer again (529 Overloaded); next try at ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "  resumed tasks.md:1 First: The provider answered again after 2 failed send(s); the task goes on.");
        Assert.DoesNotContain("\u001b", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_mode_writes_a_heartbeat_after_a_silence_and_a_stopped_run_says_how_to_go_on()
    {
        var output = new SynchronizedWriter();
        using (var text = new TextRunOutput(output, live: false, heartbeat: TimeSpan.FromMilliseconds(200)))
        {
            text.Started(Run(RunStatus.Running, null), resumed: false);
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Running, null) with { CurrentTask = Task }, Event = RunProgressKind.TaskStarted, Task = Task });
            await Maestro.TestSupport.Wait.UntilAsync(() => output.Text.Contains("still running", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "a heartbeat line");
            text.Finished(Run(RunStatus.Stopped, null) with { Outcome = RunOutcome.Stopped, Reason = "Stopped.", EndedAt = DateTimeOffset.UtcNow }, 14);
        }

        Assert.Contains("  still running: task 1/2, ", output.Text, StringComparison.Ordinal);
        Assert.Contains("; working on tasks.md:1 First", output.Text, StringComparison.Ordinal);
        Assert.Contains("To go on, run the same command again: checked boxes stay checked, so a new run starts", output.Text, StringComparison.Ordinal);
        // The outcome as the JSON spells it, lowercase; counts in words, never "task(s)".
        Assert.Contains("] stopped: Stopped. (", output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_stopped_by_this_commands_ctrl_c_says_the_same_command_continues_it()
    {
        var output = new StringWriter();
        using (var text = new TextRunOutput(output, live: false))
        {
            text.Started(Run(RunStatus.Running, null), resumed: false);
            text.StoppedHere();
            text.Finished(Run(RunStatus.Stopped, null) with { Outcome = RunOutcome.Stopped, Reason = "Stopped.", EndedAt = DateTimeOffset.UtcNow }, 14);
        }

        Assert.Matches(@"To go on, run the same command again: it continues run r_\w+ at the first unchecked task, with its budget and cost so far \(\d+ tasks? run, \$[\d.]+\)\.", output.ToString());
    }

    /// <summary>A StringWriter the heartbeat's timer thread and the test can share.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock gate = new();

        public string Text
        {
            get
            {
                lock (gate)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (gate)
            {
                base.WriteLine(value);
            }
        }
    }

    [Fact]
    public void On_a_terminal_the_bar_counts_down_to_the_next_try()
    {
        var output = new StringWriter();
        using (var text = new TextRunOutput(output, live: true))
        {
            text.Started(Run(RunStatus.Running, null), resumed: false);
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Waiting, Wait(DateTimeOffset.UtcNow.AddMinutes(4))), Event = RunProgressKind.Waiting, Task = Task, Message = "waiting" });
        }

        var bar = output.ToString().Split('\r')[^1];
        Assert.Matches(@"provider out, waiting: next try in 0[34]:[0-5]\d", bar);
        Assert.Contains("task 1/2", bar, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(40)]
    public void The_live_bar_fits_the_terminal_width_so_redraws_leave_no_stale_copies(int width)
    {
        var output = new StringWriter();
        var longTask = Task with { Text = "A task whose text is much longer than any terminal line should have to carry along" };
        using (var text = new TextRunOutput(output, live: true, () => width))
        {
            text.Started(Run(RunStatus.Running, null), resumed: false);
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Running, null), Event = RunProgressKind.TaskStarted, Task = longTask });
            text.Progress(new RunProgressNotification { Run = Run(RunStatus.Waiting, Wait(DateTimeOffset.UtcNow.AddMinutes(4))), Event = RunProgressKind.Waiting, Task = longTask, Message = "waiting" });
        }

        // The bar is what is drawn after an erase and never ended by a newline (lines printed once may wrap).
        var redraws = output.ToString().Split("\r\u001b[2K").Skip(1).Where(r => r.Length > 0 && !r.Contains('\n')).ToList();
        Assert.NotEmpty(redraws);
        Assert.All(redraws, r => Assert.True(r.Length < width, $"{r.Length} columns: {r}"));
    }

    private static readonly RunTask Task = new() { Document = "/repo/tasks.md", Line = 1, Text = "First", Attempt = 1, SessionId = "s_000000000001" };

    private static RunWait Wait(DateTimeOffset next) => new()
    {
        SessionId = "s_000000000001",
        Class = OutageClass.Availability,
        Reason = "529 Overloaded",
        Since = DateTimeOffset.UtcNow.AddMinutes(-1),
        NextAt = next,
        Attempts = 2,
    };

    private static Run Run(RunStatus status, RunWait? wait) => new()
    {
        Id = "r_000000000001",
        Playbook = "/repo/tasks.md",
        AgentId = "claude-code",
        Status = status,
        Total = 2,
        Done = 0,
        Failed = 0,
        SessionIds = ["s_000000000001"],
        StartedAt = Start,
        Usage = Usage.Zero,
        CurrentTask = Task,
        Waiting = wait,
    };
}

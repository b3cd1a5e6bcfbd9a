using FsCheck.Xunit;
using Maestro.Server.Playbooks.Documents;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>Write-back, for random documents: flipping box k changes exactly the byte of box k, and nothing else changes.</summary>
public sealed class CheckboxWriteBackPropertyTests : IDisposable
{
    private readonly TempDirectory folder = new("pb-prop");
    private int round;

    public void Dispose() => folder.Dispose();

    [Property(MaxTest = 300)]
    public void Flipping_box_k_changes_exactly_the_byte_of_box_k(int seed, int pick)
    {
        var original = RandomTaskDocument.Create(seed);
        var before = TaskListParser.Parse(original);
        if (before.Tasks.Count == 0)
        {
            return;
        }

        var k = (int)((uint)pick % (uint)before.Tasks.Count);
        var task = before.Tasks[k];
        var edited = (byte[])original.Clone();
        Assert.True(CheckboxEdit.TrySet(edited, task, !task.Checked));

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != edited[i]).ToList();
        Assert.Equal([(int)task.MarkOffset], changed);

        var after = TaskListParser.Parse(edited);
        Assert.Equal(before.Tasks.Count, after.Tasks.Count);
        for (var i = 0; i < before.Tasks.Count; i++)
        {
            var expected = i == k ? before.Tasks[i] with { Checked = !task.Checked } : before.Tasks[i];
            Assert.Equal(expected, after.Tasks[i]);
        }
    }

    [Property(MaxTest = 60)]
    public async Task Writing_a_box_to_a_file_changes_only_that_byte(int seed, int pick)
    {
        var original = RandomTaskDocument.Create(seed);
        var tasks = TaskListParser.Parse(original).Tasks;
        if (tasks.Count == 0)
        {
            return;
        }

        var task = tasks[(int)((uint)pick % (uint)tasks.Count)];
        var path = folder.Combine($"doc{Interlocked.Increment(ref round)}.md");
        await File.WriteAllBytesAsync(path, original);

        var written = await CheckboxWriter.SetAsync(path, task.Text, task.Ordinal, !task.Checked, CancellationToken.None);

        Assert.NotNull(written);
        var expected = (byte[])original.Clone();
        expected[task.MarkOffset] = task.Checked ? CheckboxEdit.UncheckedMark : CheckboxEdit.CheckedMark;
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [Property(MaxTest = 200)]
    public void Every_task_offset_points_at_its_checkbox(int seed)
    {
        var bytes = RandomTaskDocument.Create(seed);
        foreach (var task in TaskListParser.Parse(bytes).Tasks)
        {
            Assert.True(CheckboxEdit.IsMarkAt(bytes, task.MarkOffset), $"task {task.Ordinal} '{task.Text}' at {task.MarkOffset}");
            Assert.Equal(task.Checked, bytes[task.MarkOffset] is (byte)'x' or (byte)'X');
        }
    }
}

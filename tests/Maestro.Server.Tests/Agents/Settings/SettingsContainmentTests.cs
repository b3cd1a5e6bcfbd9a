using Maestro.Server.Agents.Settings;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maestro.Server.Tests.Agents.Settings;

/// <summary>settings.json is read only as a small regular file (a link to one is fine): a FIFO or a giant never blocks or floods the daemon.</summary>
public sealed class SettingsContainmentTests : IDisposable
{
    private readonly TempDirectory home = new("settings-containment");

    public void Dispose() => home.Dispose();

    private string SettingsPath => Path.Combine(home.Path, "settings.json");

    private SettingsStore Store() => new(new MaestroOptions { Paths = new MaestroPaths(home.Path) }, NullLogger<SettingsStore>.Instance);

    [Fact]
    public async Task A_fifo_in_place_of_settings_is_ignored_without_blocking()
    {
        SpecialFiles.Fifo(SettingsPath);
        var read = Task.Run(() => Store().Current);
        var settings = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(settings.Agents);
    }

    [Fact]
    public void A_giant_settings_file_is_refused_not_read()
    {
        SpecialFiles.Sparse(SettingsPath, "{\"agents\":{}}", 2L * 1024 * 1024 * 1024);
        Assert.Empty(Store().Current.Agents);
    }

    [Fact]
    public void An_empty_settings_object_means_no_agent_settings()
    {
        File.WriteAllText(SettingsPath, "{}");
        Assert.Empty(Store().Current.Agents);
        Assert.Null(Store().For("claude-code"));
    }

    [Fact]
    public void Settings_reached_through_a_link_are_read()
    {
        var real = Path.Combine(home.Path, "dotfiles-settings.json");
        File.WriteAllText(real, "{\"agents\":{\"claude-code\":{\"path\":\"/opt/claude\"}}}");
        File.CreateSymbolicLink(SettingsPath, real);
        Assert.Equal("/opt/claude", Store().For("claude-code")?.Path);
    }
}

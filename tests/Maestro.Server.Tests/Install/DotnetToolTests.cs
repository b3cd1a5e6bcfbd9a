using System.Diagnostics;
using System.Text.Json.Nodes;
using Maestro.Server.Tests.Playbooks;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Install;

/// <summary>
/// The .NET tool as a CLI or CI user gets it: scripts/pack-tool.sh's package (Maestro.Cli) in a local feed, installed
/// by <c>dotnet tool install</c> into a fresh tool path, then <c>maestro doctor</c> and a Playbook run headless with
/// the Claude Code stand-in, all through the installed <c>maestro</c> command.
/// </summary>
public sealed class DotnetToolTests : IAsyncLifetime
{
    private readonly TempDirectory root = new("tool");
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        root.Dispose();
    }

    [Fact]
    public async Task The_tool_installs_from_a_local_feed_and_runs_doctor_and_a_playbook()
    {
        var feed = root.Combine("feed");
        var toolPath = root.Combine("tools");
        var pack = await RunAsync("bash", RepoRoot.Path, Path.Combine(RepoRoot.Path, "scripts", "pack-tool.sh"), feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.Single(Directory.GetFiles(feed, "Maestro.Cli.*.nupkg"));

        // Only the local feed: the install must not depend on (or reach) any other package source.
        var config = root.Combine("nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
            </configuration>
            """);
        var install = await RunAsync("dotnet", root.Path, "tool", "install", "Maestro.Cli", "--tool-path", toolPath, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.Output);
        var maestro = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "maestro.exe" : "maestro");
        Assert.True(File.Exists(maestro), $"no {maestro} after the install: {install.Output}");

        var doctor = await MaestroProcess.RunExecutableAsync(maestro, fixture.Home, "doctor");
        Assert.True(doctor.ExitCode == 0, doctor.Stderr + doctor.Stdout);
        Assert.Contains("Maestro 0.1.0", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("claude-code", doctor.Stdout, StringComparison.Ordinal);

        var playbook = fixture.Write("ci.md", "- [ ] Lint\n- [ ] Test\n");
        var run = await MaestroProcess.RunExecutableAsync(maestro, fixture.Home, "run", playbook, "--agent", "claude-code", "--json", "--cwd", fixture.Repo);
        await MaestroProcess.RunExecutableAsync(maestro, fixture.Home, "daemon", "--stop"); // the run went through the tool's own daemon
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        var summary = JsonNode.Parse(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!.AsObject();
        Assert.Equal("summary", (string)summary["event"]!);
        Assert.Equal("done", (string)summary["outcome"]!);
        Assert.Equal("- [x] Lint\n- [x] Test\n", await File.ReadAllTextAsync(playbook));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string cwd, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The tool's own install must not see the test host's MSBuild variables (dotnet test sets them).
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

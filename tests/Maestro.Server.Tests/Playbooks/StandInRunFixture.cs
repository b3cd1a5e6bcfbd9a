using System.Diagnostics;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Playbooks;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>A MAESTRO_HOME whose claude-code is the stand-in script, and a git repository to hold playbooks.</summary>
internal sealed class StandInRunFixture : IAsyncDisposable
{
    private readonly TempDirectory root = new("pb-run");

    public StandInRunFixture()
    {
        Home = root.Combine("home");
        Repo = root.Combine("repo");
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Repo);
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(Repo, "README.md"), "# repo\n");
        Git("add", ".");
        Git("commit", "-q", "-m", "init");
        StandIn = ClaudeStandIn.Create(root.Path);
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = root.Path };
        MaestroAgentSettings.WriteAsync(Home, "claude-code", StandIn, env).GetAwaiter().GetResult();
    }

    public string Home { get; }

    public string Repo { get; }

    public string StandIn { get; }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Repo, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "t";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "t@t.invalid";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }

    /// <summary>A server on this home and a client that records run progress, named <paramref name="name"/>.</summary>
    public async Task<(TestServer Server, JsonRpc Rpc, RunProgressRecorder Recorder)> ConnectAsync(string name)
    {
        var server = new TestServer(home: Home);
        var recorder = new RunProgressRecorder();
        var rpc = await server.ConnectInitializedAsync(name, recorder);
        return (server, rpc, recorder);
    }

    public static async Task<Run> RunToEndAsync(JsonRpc rpc, RunProgressRecorder recorder, PlaybookRunParams request)
    {
        var run = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, request);
        await Wait.UntilAsync(() => recorder.Finished(run.Id), TimeSpan.FromSeconds(60), "the run to finish");
        return await rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = run.Id });
    }

    public ValueTask DisposeAsync()
    {
        root.Dispose();
        return ValueTask.CompletedTask;
    }
}

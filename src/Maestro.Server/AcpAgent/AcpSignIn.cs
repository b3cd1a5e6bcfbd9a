using System.Diagnostics;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.Server.Hosting;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// <c>maestro acp [--agent ID] --sign-in</c>: what an editor's terminal sign-in runs (<see cref="AcpAuthMethods"/>). It
/// runs the backend's own sign-in in this terminal (Claude Code's <c>auth login</c>, Codex's <c>login</c>, OpenCode's
/// <c>auth login</c>, Gemini CLI's first start, which asks how to sign in) and exits with its exit code, 0 meaning signed in.
/// </summary>
internal static class AcpSignIn
{
    /// <summary>The backend's sign-in arguments; null for an agent Maestro knows no sign-in command of.</summary>
    public static IReadOnlyList<string>? Arguments(string agentId) => agentId switch
    {
        "claude-code" => ["auth", "login"],
        "codex" => ["login"],
        "opencode" => ["auth", "login"],
        "gemini" => [],
        _ => null,
    };

    public static async Task<int> RunAsync(MaestroPaths paths, string agentId, CancellationToken cancellationToken)
    {
        IReadOnlyList<AgentInfo> agents;
        await using (var daemon = await DaemonClient.ConnectOrStartAsync(paths, cancellationToken))
        {
            // The daemon's view: the command its agents run with, found on its PATH.
            agents = (await daemon.InvokeAsync<AgentsListResult>(Methods.AgentsList, null, cancellationToken)).Agents;
        }

        var backend = agents.FirstOrDefault(a => a.Id == agentId);
        if (backend is not { Available: true })
        {
            await Console.Error.WriteLineAsync($"{agentId} cannot run here: {backend?.Reason ?? "Maestro does not know that agent (maestro agents list)"}.");
            return ExitCodes.PrerequisiteMissing;
        }

        if (Arguments(agentId) is not { } arguments)
        {
            await Console.Error.WriteLineAsync($"Maestro knows no sign-in command of {agentId}: sign it in as its own documentation says, then start a session.");
            return ExitCodes.Usage;
        }

        await Console.Error.WriteLineAsync($"Signing in to {backend.Name}: {backend.Command} {string.Join(' ', arguments)}".TrimEnd());
        var start = new ProcessStartInfo(backend.Command, arguments) { UseShellExecute = false };
#pragma warning disable RS0030 // an interactive sign-in needs this terminal itself (a TTY to read the code typed); ProcessRunner's pipes are not one
        using var signIn = Process.Start(start) ?? throw new InvalidOperationException($"{backend.Command} did not start.");
#pragma warning restore RS0030
        await signIn.WaitForExitAsync(cancellationToken);
        await Console.Error.WriteLineAsync(signIn.ExitCode == 0
            ? $"{backend.Name} is signed in; sessions started from now on use it."
            : $"{backend.Name}'s sign-in ended with exit code {signIn.ExitCode}.");
        return signIn.ExitCode;
    }
}

using System.CommandLine;
using Maestro.Protocol;
using Maestro.Server.Hosting;

namespace Maestro.Server.AcpAgent;

/// <summary><c>maestro acp [--agent ID] [--model M] [--permission-mode MODE] [--sign-in]</c>: what an ACP editor starts (docs/acp-agent.md).</summary>
public static class AcpAgentCommand
{
    public static Command Create()
    {
        var agent = new Option<string>("--agent") { Description = "The backend agent of new sessions (claude-code, codex, opencode, gemini, acp:NAME).", DefaultValueFactory = _ => AcpAgentOptions.DefaultAgentId };
        var model = new Option<string?>("--model") { Description = "The backend's model for new sessions." };
        var permissionMode = new Option<string?>("--permission-mode") { Description = "ask, acceptEdits or bypass: what the backend may do without asking the editor." };
        permissionMode.AcceptOnlyFromAmong("ask", "acceptEdits", "bypass");
        var signIn = new Option<bool>(AcpAuthMethods.SignInFlag) { Description = "Run the backend agent's own sign-in in this terminal (what an editor's terminal sign-in runs), then exit." };
        var command = new Command("acp", "Speak the Agent Client Protocol on stdio, so JetBrains IDEs, Zed and other ACP editors drive Maestro's agents.") { agent, model, permissionMode, signIn };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(signIn))
            {
                return await AcpSignIn.RunAsync(MaestroPaths.FromEnvironment(), result.GetValue(agent) ?? AcpAgentOptions.DefaultAgentId, cancellationToken);
            }

            var options = new AcpAgentOptions
            {
                AgentId = result.GetValue(agent) ?? AcpAgentOptions.DefaultAgentId,
                Model = result.GetValue(model),
                PermissionMode = result.GetValue(permissionMode) switch
                {
                    "ask" => PermissionMode.Ask,
                    "acceptEdits" => PermissionMode.AcceptEdits,
                    "bypass" => PermissionMode.Bypass,
                    _ => null,
                },
            };
            return await AcpAgentHost.RunAsync(MaestroPaths.FromEnvironment(), options, cancellationToken);
        });
        return command;
    }
}

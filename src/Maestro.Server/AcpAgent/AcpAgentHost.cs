using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Cli;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// <c>maestro acp</c>: an ACP agent on stdio (newline-delimited JSON-RPC 2.0) that is a client of the per-user daemon,
/// started when none runs, like <c>serve --stdio</c>. It says it answers permissions, so the daemon asks it, and it asks
/// the editor. It runs until the editor closes stdin; turns it started go on in the daemon.
/// </summary>
internal static class AcpAgentHost
{
    public static async Task<int> RunAsync(MaestroPaths paths, AcpAgentOptions options, CancellationToken cancellationToken)
    {
        using var stdin = Console.OpenStandardInput();
#pragma warning disable RS0030 // 'maestro acp' speaks ACP's JSON-RPC on its own stdout
        using var stdout = Console.OpenStandardOutput();
#pragma warning restore RS0030
        Console.SetOut(Console.Error); // stdout carries JSON-RPC and nothing else

        var sessions = new AcpAgentSessions();
        await using var daemon = await DaemonClient.ConnectOrStartAsync(paths, cancellationToken, new AcpDaemonListener(sessions), new ClientCapabilities { Permissions = true });
        var target = new AcpAgentTarget(daemon, sessions, options);
        // ACP frames with "\n" alone (StreamJsonRpc's default is "\r\n").
        var framing = new NewLineDelimitedMessageHandler(stdout, stdin, new SystemTextJsonFormatter()) { NewLine = NewLineDelimitedMessageHandler.NewLineStyle.Lf };
        using var editor = new AcpJsonRpc(framing)
        {
            // StreamJsonRpc would tell the editor "$/cancelRequest", which ACP does not define: a permission request
            // whose turn was cancelled is left to the editor, which ACP asks to answer it "cancelled" itself.
            CancellationStrategy = null,
        };
        target.Editor = editor;
        editor.AddLocalRpcTarget(target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        editor.StartListening();
        try
        {
            await editor.Completion.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ConnectionLostException)
        {
            // The editor went away or the user pressed Ctrl-C: the sessions stay in the daemon.
        }

        await sessions.DisposeAllAsync();
        return ExitCodes.Ok;
    }
}

using Maestro.Protocol;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Agents.Permissions;

/// <summary>
/// Asks the editor whether an agent may do something. Every connected client that said it answers
/// permissions gets <c>permissions/request</c>; the first answer wins and the others are cancelled. With
/// no such client, the session's permission mode decides.
/// </summary>
public sealed class PermissionBroker
{
    private readonly ConnectionRegistry clients;
    private readonly ILogger<PermissionBroker> logger;

    public PermissionBroker(ConnectionRegistry clients, ILogger<PermissionBroker> logger)
    {
        this.clients = clients;
        this.logger = logger;
    }

    /// <summary>The chosen option id, or null when the request was cancelled or refused.</summary>
    public async Task<string?> RequestAsync(PermissionRequestParams request, PermissionMode mode, CancellationToken cancellationToken)
    {
        var answer = await AskClientsAsync(request, cancellationToken);
        if (answer is null)
        {
            var chosen = Decide(request, mode);
            logger.LogInformation("No client answered permissions; mode {Mode} chose {Option} for {Tool}", mode, chosen ?? "reject", request.ToolCall.Title);
            return chosen;
        }

        return answer.Cancelled ? null : answer.OptionId;
    }

    /// <summary>
    /// Asks every client that answers permissions; the first valid answer, or null when none answers (no such client,
    /// or all of them declined). A host's agent is asked through this too: its own daemon decides by the session's
    /// mode when no client here answered.
    /// </summary>
    public async Task<PermissionResponse?> AskClientsAsync(PermissionRequestParams request, CancellationToken cancellationToken)
    {
        var askable = clients.Initialized.Where(c => c.Client?.Capabilities.Permissions == true && !c.ReadOnly).ToList();
        if (askable.Count == 0)
        {
            return null;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asks = askable.Select(c => AskAsync(c.Rpc!, request, done.Token)).ToList();
        while (asks.Count > 0)
        {
            var finished = await Task.WhenAny(asks);
            asks.Remove(finished);
            var answer = await finished;
            if (answer is not null)
            {
                await done.CancelAsync();
                return answer;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>Without anyone to ask: bypass allows, acceptEdits allows reads and edits, ask refuses.</summary>
    public static string? Decide(PermissionRequestParams request, PermissionMode mode)
    {
        var allow = request.Options.FirstOrDefault(o => o.Kind == PermissionOptionKind.AllowOnce) ?? request.Options.FirstOrDefault(o => o.Kind == PermissionOptionKind.AllowAlways);
        var reject = request.Options.FirstOrDefault(o => o.Kind == PermissionOptionKind.RejectOnce) ?? request.Options.FirstOrDefault(o => o.Kind == PermissionOptionKind.RejectAlways);
        var allowed = mode switch
        {
            PermissionMode.Bypass => true,
            PermissionMode.AcceptEdits => request.ToolCall.Kind is "edit" or "read" or "search" or "think",
            _ => false,
        };
        return allowed ? allow?.Id : reject?.Id;
    }

    private async Task<PermissionResponse?> AskAsync(JsonRpc rpc, PermissionRequestParams request, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await rpc.InvokeWithParameterObjectAsync<PermissionResponse>(Methods.PermissionsRequest, request, cancellationToken);
            if (answer.Cancelled || request.Options.Any(o => o.Id == answer.OptionId))
            {
                return answer;
            }

            logger.LogWarning("A client answered a permission request with an unknown option {Option}", answer.OptionId);
            return null;
        }
        catch (Exception ex) when (ex is RemoteInvocationException or ConnectionLostException or ObjectDisposedException or OperationCanceledException or RemoteMethodNotFoundException)
        {
            return null;
        }
    }
}

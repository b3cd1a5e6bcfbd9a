import * as vscode from 'vscode';
import type { PermissionRequestParams, PermissionResponse } from '../protocol';
import type { AskUser } from './permissionBroker';

/**
 * Asks with a VS Code notification, one button per option. VS Code cannot close a notification from code, so once
 * the panel answered first, a later click here is ignored by the broker (it settles only once).
 */
export function askWithNotification(sessionName: (sessionId: string) => string | undefined): AskUser {
  return async (params: PermissionRequestParams): Promise<PermissionResponse | undefined> => {
    const who = sessionName(params.sessionId) ?? params.sessionId;
    const labels = params.options.map((o) => o.label);
    const chosen = await vscode.window.showInformationMessage(`Maestro: ${who} asks: ${params.toolCall.title}`, ...labels);
    const option = params.options.find((o) => o.label === chosen);
    return option ? { optionId: option.id, cancelled: false } : undefined;
  };
}

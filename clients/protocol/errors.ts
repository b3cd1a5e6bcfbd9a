// How every client turns a JSON-RPC error into words for a person. Written by hand (it is client behaviour, not
// wire), shared by the panel and the VS Code extension so both say the same thing for the same error.
import { ErrorCodes, ErrorKinds } from './protocol';

/** The parts of a JSON-RPC error the clients look at (vscode-jsonrpc's ResponseError and the panel's RpcError have them). */
export interface RpcErrorLike {
  code: number;
  message: string;
  data?: unknown;
}

export function asRpcError(error: unknown): RpcErrorLike | undefined {
  if (typeof error === 'object' && error !== null && typeof (error as RpcErrorLike).code === 'number') {
    return error as RpcErrorLike;
  }
  return undefined;
}

/** A method of a server feature that has not landed (-32601 FeatureNotLanded, or a plain method-not-found). */
export function isNotAvailable(error: unknown): boolean {
  return asRpcError(error)?.code === ErrorCodes.MethodNotFound;
}

export function isStaleHunk(error: unknown): boolean {
  return asRpcError(error)?.code === ErrorCodes.StaleHunk;
}

/** A reject of hunks the user edited since the agent: the message names what would be lost; retry with `confirm`. */
export function isMixedHunk(error: unknown): boolean {
  return asRpcError(error)?.code === ErrorCodes.MixedHunk;
}

/** An undo whose lines changed again since: nothing was changed. */
export function isReviewConflict(error: unknown): boolean {
  return asRpcError(error)?.code === ErrorCodes.ReviewConflict;
}

/** What to tell the user: the server's own message, with the feature named when it is not there yet. */
export function describeError(error: unknown): string {
  const rpc = asRpcError(error);
  if (rpc?.code === ErrorCodes.MethodNotFound) {
    const data = (rpc.data ?? {}) as { kind?: string; feature?: string };
    const feature = data.kind === ErrorKinds.FeatureNotLanded && data.feature ? data.feature : undefined;
    return feature ? `${feature} is not available yet in this Maestro server.` : `Not available yet in this Maestro server (${rpc.message}).`;
  }
  if (rpc) return rpc.message;
  return error instanceof Error ? error.message : String(error);
}

import { ErrorCodes } from '../../../protocol/protocol';
import type { RpcErrorBody } from './messages';

/** A JSON-RPC error answered by the server (or by the host for `host/` actions). */
export class RpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(body: RpcErrorBody) {
    super(body.message);
    this.name = 'RpcError';
    this.code = body.code;
    this.data = body.data;
  }

  /** The method exists in the contract but its feature has not landed in this server (or it is unknown). */
  get isNotAvailable(): boolean {
    return this.code === ErrorCodes.MethodNotFound;
  }
}

/** A message fit for a person, whatever was thrown: the wording every client shares. */
export { describeError } from '../../../protocol/errors';

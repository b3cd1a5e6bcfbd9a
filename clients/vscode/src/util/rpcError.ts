// The extension uses the clients' shared error wording (clients/protocol/errors.ts).
export { asRpcError, describeError, isNotAvailable, isStaleHunk, type RpcErrorLike } from '../../../protocol/errors';

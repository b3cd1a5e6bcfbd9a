// The extension uses the clients' shared error wording (clients/protocol/errors.ts).
export { asRpcError, describeError, isNotAvailable, isMixedHunk, isReviewConflict, isStaleHunk, type RpcErrorLike } from '../../../protocol/errors';

// What the transcript shows: one row per event, except that tool call updates merge into their tool call and
// message deltas accumulate into one streaming row that the final message replaces.
import type {
  FileChangeKind, OutageClass, OutageState, PermissionOption, PermissionToolCall, PlanEntry, SessionStatus, StopReason, ToolCallStatus, Usage,
} from '../../../protocol/protocol';

interface RowBase {
  /** Stable for the life of the row (the seq of the event that created it): a DOM key. */
  key: number;
  time: string;
  /** Bumped on every change so views know to re-render and re-measure. */
  version: number;
}

export interface PromptRow extends RowBase { kind: 'prompt'; text: string; turnId: string }
/** `html` is absent while the message is still streaming as plain text. */
export interface MessageRow extends RowBase {
  kind: 'message'; role: string; text: string; html?: string; streaming: boolean;
  /** A notice the agent repeated ("Reconnecting… 1/5", "2/5", …) folds into one row: how many times it came. */
  repeats?: number;
}
export interface ToolCallRow extends RowBase {
  kind: 'toolCall'; toolCallId: string; toolKind: string; title: string; input?: unknown; status: ToolCallStatus; output?: string;
}
export interface FileChangeRow extends RowBase { kind: 'fileChange'; path: string; change: FileChangeKind }
export interface PlanRow extends RowBase { kind: 'plan'; entries: PlanEntry[] }
export interface PermissionRow extends RowBase {
  kind: 'permission'; toolCall: PermissionToolCall; options: PermissionOption[]; chosenOptionId?: string;
}
/** The end of a turn that changed files: the files, listed once each (their +/- counts come from the review inbox). */
export interface TurnFilesRow extends RowBase {
  kind: 'turnFiles'; turnId?: string;
  /** `estimate`: the lines the turn's tool inputs added and removed, when review no longer says (see estimateLines). */
  files: { path: string; change: FileChangeKind; estimate?: { added: number; removed: number } }[];
}
export interface UsageRow extends RowBase { kind: 'usage'; usage: Usage }
export interface StatusRow extends RowBase { kind: 'status'; status: SessionStatus; stopReason?: StopReason }
export interface ErrorRow extends RowBase { kind: 'error'; message: string; detail?: string }
/** One provider outage: the server revises its one event in place (same seq), and the row follows. */
export interface OutageRow extends RowBase {
  kind: 'outage'; outageId: string; outageClass: OutageClass; state: OutageState; attempts: number; since: string;
  nextAt?: string; resetAt?: string; reason: string; stoppedBecause?: string;
}

export type TranscriptRow =
  | PromptRow | MessageRow | ToolCallRow | FileChangeRow | PlanRow | PermissionRow | UsageRow | StatusRow | ErrorRow | OutageRow | TurnFilesRow;

export type RowKind = TranscriptRow['kind'];

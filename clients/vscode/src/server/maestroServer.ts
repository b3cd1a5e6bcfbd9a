import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  CancellationToken,
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { Methods, PROTOCOL_VERSION, type InitializeParams, type InitializeResult } from '../protocol';
import { Emitter } from '../util/emitter';
import type { LocatedServer } from './binaryLocator';
import { RestartPolicy } from './restartPolicy';
import { ServerLogLines, type Log } from './serverLog';
import type { RpcClient, ServerNotification, ServerRequestHandler, ServerState, ServerStateChange } from './rpcClient';

export interface MaestroServerOptions {
  /** Finds the binary each time the server starts, so a changed setting takes effect on restart. */
  locate: () => LocatedServer;
  /** The environment of the server process (the daemon it starts inherits it, agents' credentials included). */
  env: () => NodeJS.ProcessEnv;
  workspaceFolders: () => string[];
  clientVersion: string;
  /** Lines for the "Maestro" log output channel, each at its level: the server's stderr and our own lifecycle notes. */
  log: Log;
  policy?: RestartPolicy;
  /** How long shutdown waits for the process to leave before killing it. */
  exitTimeoutMs?: number;
}

/**
 * Owns the `maestro serve --stdio` process: spawns it, speaks LSP-framed JSON-RPC to it (vscode-jsonrpc), initializes,
 * forwards notifications and server requests, and restarts it with backoff when it dies. Free of `vscode` imports so
 * it runs in plain Node tests against a real server.
 */
export class MaestroServer implements RpcClient {
  private child: ChildProcessWithoutNullStreams | undefined;
  private connection: MessageConnection | undefined;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private currentState: ServerState = 'stopped';
  private readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private requestHandler: ServerRequestHandler | undefined;
  private readonly policy: RestartPolicy;
  private readonly stateEmitter = new Emitter<ServerStateChange>();
  private readonly notificationEmitter = new Emitter<ServerNotification>();

  stateMessage: string | undefined;
  /** The setting that fixes the current failure, if one does (see ServerStateChange.setting). */
  stateSetting: string | undefined;
  initializeResult: InitializeResult | undefined;
  serverPath: string | undefined;

  readonly onDidChangeState = this.stateEmitter.event;
  readonly onNotification = this.notificationEmitter.event;

  constructor(private readonly options: MaestroServerOptions) {
    this.policy = options.policy ?? new RestartPolicy();
  }

  /** The pid of the current server process (tests kill it to check the restart). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get state(): ServerState {
    return this.currentState;
  }

  /** The handler of server-to-client requests (permissions/request). */
  setRequestHandler(handler: ServerRequestHandler): void {
    this.requestHandler = handler;
  }

  async start(): Promise<void> {
    if (this.disposed) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    if (this.currentState !== 'restarting' && this.currentState !== 'starting') this.setState('starting');

    const located = this.options.locate();
    if (!located.found) {
      this.options.log(located.message, 'error');
      this.setState('stopped', located.message, located.setting);
      return;
    }
    this.serverPath = located.path;
    this.options.log(`Starting ${located.path} serve --stdio (found by ${located.source})`, 'info');

    const child = spawn(located.path, ['serve', '--stdio'], { env: this.options.env(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.startedAt = Date.now();
    let ended = false;
    const onEnd = (reason: string) => {
      if (ended) return;
      ended = true;
      this.onProcessEnded(child, reason);
    };
    child.on('error', (error) => onEnd(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => onEnd(signal ? `killed by ${signal}` : `exited with code ${code}`));
    // Writes to a process that already left fail with EPIPE: its end is handled by 'exit', not as a crash of ours.
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    const stderrLines = new ServerLogLines();
    const logLine = (line: string) => {
      if (!line) return;
      const { level, text } = stderrLines.read(line);
      this.options.log(text, level);
    };
    // A chunk may end mid-line: the rest waits for the next chunk (or the end of the stream).
    let partial = '';
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) logLine(line);
    });
    child.stderr.on('end', () => logLine(partial));

    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection = connection;
    connection.onNotification((method: string, params: unknown) => this.notificationEmitter.fire({ method, params }));
    connection.onRequest(async (method: string, params: unknown, token: CancellationToken) => {
      if (!this.requestHandler) throw new Error(`no handler for ${method}`);
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      try {
        return await this.requestHandler(method, params, abort.signal);
      } finally {
        subscription.dispose();
      }
    });
    connection.listen();

    const params: InitializeParams = {
      protocolVersion: PROTOCOL_VERSION,
      clientInfo: { name: 'vscode', version: this.options.clientVersion },
      workspaceFolders: this.options.workspaceFolders(),
      capabilities: { permissions: true, inlineDiff: true, batchedEvents: true },
    };
    try {
      this.initializeResult = await connection.sendRequest<InitializeResult>(Methods.Initialize, params);
    } catch (error) {
      if (this.child !== child) return;
      const message = `The Maestro server did not initialize: ${error instanceof Error ? error.message : String(error)}`;
      this.options.log(message, 'error');
      if (!ended) {
        // A refusal (e.g. a protocol version mismatch) will not heal by restarting: stop for good.
        ended = true;
        this.dropConnection();
        child.kill();
        this.setState('stopped', message);
      }
      return;
    }
    if (this.child !== child) return;
    this.options.log(`Connected to ${this.initializeResult.serverInfo.name} ${this.initializeResult.serverInfo.version}`, 'info');
    this.setState('ready');
  }

  /** Restart by hand (a command, a changed setting): forgets earlier failures. */
  async restart(): Promise<void> {
    if (this.disposed) return;
    this.policy.reset();
    clearTimeout(this.restartTimer);
    await this.stopProcess();
    this.setState('starting');
    await this.start();
  }

  async request<R = unknown>(method: string, params?: unknown): Promise<R> {
    await this.whenReady();
    const connection = this.connection;
    if (!connection) throw new Error('The Maestro server is not running.');
    return params === undefined ? connection.sendRequest<R>(method) : connection.sendRequest<R>(method, params);
  }

  /** Resolves once the server is ready; rejects at once when it is stopped. */
  whenReady(): Promise<void> {
    if (this.currentState === 'ready') return Promise.resolve();
    if (this.currentState === 'stopped') {
      return Promise.reject(new Error(this.stateMessage ?? 'The Maestro server is not running.'));
    }
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.restartTimer);
    await this.stopProcess();
    this.setState('stopped', 'The extension was deactivated.');
    this.stateEmitter.dispose();
    this.notificationEmitter.dispose();
  }

  /** LSP-style goodbye: shutdown, exit, then a kill if the process lingers. */
  private async stopProcess(): Promise<void> {
    const child = this.child;
    const connection = this.connection;
    this.child = undefined;
    if (!child) return;
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const timeout = this.options.exitTimeoutMs ?? 3000;
    try {
      if (connection && this.currentState === 'ready') {
        await withTimeout(connection.sendRequest(Methods.Shutdown), timeout);
        await connection.sendNotification(Methods.Exit);
      }
    } catch {
      // A server that does not answer shutdown is killed below.
    }
    const left = await withTimeout(exited.then(() => true), timeout).catch(() => false);
    if (!left) child.kill('SIGKILL');
    this.dropConnection(connection);
  }

  private dropConnection(connection = this.connection): void {
    if (!connection) return;
    if (this.connection === connection) this.connection = undefined;
    connection.dispose();
  }

  private onProcessEnded(child: ChildProcessWithoutNullStreams, reason: string): void {
    if (this.child !== child) return; // a process we stopped on purpose
    this.child = undefined;
    this.dropConnection();
    if (this.disposed) return;
    const delay = this.policy.nextDelay(Date.now() - this.startedAt);
    if (delay === undefined) {
      const message = `The Maestro server ${reason} and kept failing; it was not restarted. Run "Maestro: Restart Server" after fixing the cause (see the Maestro output).`;
      this.options.log(message, 'error');
      this.setState('stopped', message);
      return;
    }
    const message = `The Maestro server ${reason}; restarting in ${Math.round(delay / 1000)} s.`;
    this.options.log(message, 'warn');
    this.setState('restarting', message);
    this.restartTimer = setTimeout(() => void this.start(), delay);
  }

  private setState(state: ServerState, message?: string, setting?: string): void {
    this.currentState = state;
    this.stateMessage = message;
    this.stateSetting = setting;
    if (state === 'ready') {
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
    } else if (state === 'stopped') {
      const error = new Error(message ?? 'The Maestro server is not running.');
      for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
    }
    this.stateEmitter.fire({ state, message, setting });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

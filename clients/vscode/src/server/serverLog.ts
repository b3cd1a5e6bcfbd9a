// The levels of the "Maestro" log output channel, and which level each line the server writes to stderr belongs at.
// The channel is a LogOutputChannel: VS Code stamps each line with its time and level and shows it from the level the
// user picked (Info by default; "Developer: Set Log Level…" for Trace), so developer timings stay out of sight.

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Writes one line at a level; without one, at info. */
export type Log = (line: string, level?: LogLevel) => void;

/** Serilog's three-letter levels, as the server's stderr template writes them (`[INF] message`). */
const serilogLevels: Record<string, LogLevel> = { VRB: 'trace', DBG: 'debug', INF: 'info', WRN: 'warn', ERR: 'error', FTL: 'error' };

/**
 * Reads the server's stderr line by line: `[INF] …` style lines at their level (the prefix dropped, the channel shows
 * its own), `[startup] …` timings (MAESTRO_TRACE_STARTUP) at trace, the relay's `maestro: …` failures at error, and
 * any other line (an exception's stack under an `[ERR]` line) at the level of the line before it.
 */
export class ServerLogLines {
  private previous: LogLevel = 'info';

  read(line: string): { level: LogLevel; text: string } {
    const serilog = /^\[(VRB|DBG|INF|WRN|ERR|FTL)\] ?/.exec(line);
    if (serilog) {
      this.previous = serilogLevels[serilog[1]!]!;
      return { level: this.previous, text: line.slice(serilog[0].length) };
    }
    if (line.startsWith('[startup]')) return { level: 'trace', text: line };
    if (line.startsWith('maestro: ')) return { level: 'error', text: line };
    return { level: this.previous, text: line };
  }
}

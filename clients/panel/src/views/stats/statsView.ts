// The Stats tab: today's spend against the daily limit, cost and tokens per day split by agent, time per agent, the
// longest runs (charts by uPlot, each with its numbers in a table), and the leaderboard. A server without stats
// (-32601) is said to have none, like the Chat tab does.
import type { CostLimitStatus, RunLeaderboardEntry, StatsLeaderboardResult } from '../../../../protocol/protocol';
import type { Actions } from '../../state/actions';
import { costOf, dailyLimit, splitByAgent, standingOf, statsDays, tokensOf, type StatsData } from '../../state/stats';
import type { Store } from '../../state/store';
import { button, clear, h } from '../dom';
import { baseName, formatTokens } from '../format';
import { drawBarChart, type BarChartInput } from './barChart';
import { formatDuration, formatPercent, formatUsd } from './statsFormat';

type Chart = { destroy(): void };

export class StatsView {
  readonly element: HTMLElement;
  private charts: Chart[] = [];

  constructor(private readonly store: Store, private readonly actions: Actions) {
    this.element = h('section', { class: 'stats-view', attrs: { 'aria-label': 'Usage stats' } });
  }

  /** Called each time the tab is shown: the numbers move with every turn, so they are read again. */
  shown(): void {
    void this.actions.loadStats();
  }

  render(): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest('.stats-view') ? document.activeElement?.id : undefined;
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    clear(this.element);
    const stats = this.store.stats;
    switch (stats.state) {
      case 'idle':
      case 'loading':
        this.element.appendChild(h('div', { class: 'meta', attrs: { role: 'status' }, text: 'Loading usage stats…' }));
        break;
      case 'unavailable':
        this.element.appendChild(h('div', { class: 'empty', text: 'Usage stats are not available in this server yet' }));
        break;
      case 'error':
        this.element.appendChild(h('div', { class: 'error-message', attrs: { role: 'alert' }, text: stats.message }));
        this.element.appendChild(button('Try again', () => void this.actions.loadStats(), { attrs: { id: 'stats-refresh' } }));
        break;
      case 'ready':
        this.renderData(stats.data);
        break;
    }
    if (focusedId) document.getElementById(focusedId)?.focus();
  }

  private renderData(data: StatsData): void {
    this.element.appendChild(
      h('div', { class: 'toolbar' }, h('h2', { class: 'stats-title', text: `Usage, last ${statsDays} days` }), button('Refresh', () => void this.actions.loadStats(), { attrs: { id: 'stats-refresh' } })),
    );
    this.element.appendChild(this.renderToday(data));
    const drawn = [...data.perAgentDays.keys()].length > 0 || data.allDays.size > 0;
    if (!drawn) this.element.appendChild(h('div', { class: 'empty', text: 'No turns in the last days yet: the charts fill as agents work.' }));
    const cost = splitByAgent(data, costOf);
    this.chart({ label: 'Cost per day, by agent', categories: data.days, days: true, series: cost, format: formatUsd });
    this.chart({ label: 'Tokens per day, by agent', categories: data.days, days: true, series: splitByAgent(data, tokensOf), format: formatTokens });
    const agents = [...data.agents].sort((a, b) => b.totals.runtimeMs - a.totals.runtimeMs);
    this.chart({
      label: 'Time per agent (busy and waiting)',
      categories: agents.map((a) => a.agentId),
      series: [
        { label: 'busy', values: agents.map((a) => a.totals.busyMs) },
        { label: 'waiting', values: agents.map((a) => a.totals.runtimeMs - a.totals.busyMs) },
      ],
      format: formatDuration,
    });
    const longest = data.leaderboard.longestRuns;
    this.chart({
      label: 'Longest Playbook runs',
      categories: longest.map((r) => baseName(r.playbook)),
      series: [{ label: 'duration', values: longest.map((r) => r.durationMs) }],
      format: formatDuration,
    });
    this.element.appendChild(this.renderLeaderboard(data.leaderboard));
  }

  /** Today's spend against the daily limit over all agents, each agent's own daily limit, and the latest warnings. */
  private renderToday(data: StatsData): HTMLElement {
    const standing = standingOf(data.today.costUsd, dailyLimit(data.limits));
    const box = h('div', { class: `stats-today stats-${standing.state}`, attrs: { role: 'group', 'aria-label': 'Today' } });
    const spent = formatUsd(standing.spentUsd);
    if (standing.limitUsd === undefined) {
      box.appendChild(h('div', { class: 'stats-today-line', text: `Today: ${spent} · no daily limit set (costLimits.dailyUsd in settings.json)` }));
    } else {
      const word = standing.state === 'spent' ? 'spent: new turns and runs are refused' : standing.state === 'warning' ? 'nearly spent' : 'used';
      box.appendChild(h('div', { class: 'stats-today-line', text: `Today: ${spent} of the ${formatUsd(standing.limitUsd)} daily limit (${standing.percent} %, ${word})` }));
      box.appendChild(
        h('progress', {
          class: 'stats-meter',
          attrs: { max: String(standing.limitUsd), value: String(Math.min(standing.spentUsd, standing.limitUsd)), 'aria-label': `Today's spend: ${standing.percent} % of the daily limit` },
        }),
      );
    }
    const others = data.limits.filter((l) => l !== dailyLimit(data.limits));
    for (const limit of others) box.appendChild(h('div', { class: `meta stats-limit stats-${standingOf(limit.spentUsd, limit).state}`, text: limitText(limit) }));
    if (data.today.uncountedTurns > 0) {
      box.appendChild(h('div', { class: 'meta', text: `${data.today.uncountedTurns} turn${data.today.uncountedTurns === 1 ? '' : 's'} today without a reported cost: counted by tokens, not in money.` }));
    }
    for (const warning of this.store.budgetWarnings) box.appendChild(h('div', { class: 'stats-warning', attrs: { role: 'alert' }, text: warning.message }));
    return box;
  }

  private chart(input: BarChartInput): void {
    const id = `stats-chart-${this.charts.length}-${input.label.replace(/\W+/g, '-').toLowerCase()}`;
    const canvasHost = h('div', { class: 'stats-canvas', attrs: { 'aria-hidden': 'true' } });
    const legend = h('ul', { class: 'stats-legend', attrs: { 'aria-hidden': 'true' } });
    input.series.forEach((s, i) => legend.appendChild(h('li', {}, h('span', { class: `swatch swatch-${(i % 6) + 1}` }), s.label)));
    const figure = h(
      'figure',
      { class: 'stats-chart', attrs: { id, tabindex: '0', 'aria-labelledby': `${id}-caption`, 'aria-describedby': `${id}-table` } },
      h('figcaption', { class: 'stats-caption', attrs: { id: `${id}-caption` }, text: input.label }),
      canvasHost,
      legend,
      h('details', { class: 'stats-numbers' }, h('summary', { text: 'Numbers' }), numbersTable(input, `${id}-table`)),
    );
    this.element.appendChild(figure);
    if (input.categories.length === 0) {
      canvasHost.appendChild(h('div', { class: 'meta', text: 'Nothing yet.' }));
      return;
    }
    try {
      const chart = drawBarChart(canvasHost, input);
      if (chart) this.charts.push(chart);
    } catch (error) {
      canvasHost.appendChild(h('div', { class: 'meta', text: `The chart could not be drawn: ${(error as Error).message}` }));
    }
  }

  private renderLeaderboard(board: StatsLeaderboardResult): HTMLElement {
    const section = h('section', { class: 'stats-leaderboard', attrs: { 'aria-label': 'Leaderboard' } }, h('h2', { class: 'stats-title', text: 'Leaderboard' }));
    const rank = board.rank ? `${board.rank.name} (level ${board.rank.level})` : 'no rank yet (the first comes at 15 minutes)';
    const next = board.nextRank ? ` · next: ${board.nextRank.name} at ${formatDuration(board.nextRank.fromMs)}` : '';
    section.appendChild(h('div', { class: 'stats-rank', text: `Playbook run time ${formatDuration(board.autoRunMs)} · rank: ${rank}${next}` }));
    section.appendChild(runsTable('Longest unattended runs', board.longestRuns));
    section.appendChild(runsTable('Most tasks completed', board.mostTasks));
    section.appendChild(
      table(
        'Agents',
        ['Agent', 'Playbook runs', 'Playbook run time', 'Tasks done', 'Success rate', 'Cost per completed task'],
        board.agents.map((a) => [a.agentId, String(a.runs), formatDuration(a.autoRunMs), `${a.tasksDone} of ${a.tasksAttempted}`, formatPercent(a.successRate), a.costPerTaskUsd === undefined || a.costPerTaskUsd === null ? '–' : formatUsd(a.costPerTaskUsd)]),
      ),
    );
    return section;
  }
}

function limitText(limit: CostLimitStatus): string {
  const who = limit.agentId ? limit.agentId : 'all agents';
  const when = limit.period === 'day' ? 'today' : 'this month';
  return `${limit.period === 'day' ? 'Daily' : 'Monthly'} limit for ${who}: ${formatUsd(limit.spentUsd)} of ${formatUsd(limit.limitUsd)} ${when} (${limit.percent} %)`;
}

function runsTable(caption: string, runs: RunLeaderboardEntry[]): HTMLElement {
  return table(
    caption,
    ['#', 'Playbook', 'Agent', 'Duration', 'Tasks', 'Outcome', 'Cost'],
    runs.map((r, i) => [String(i + 1), baseName(r.playbook), r.agentId, formatDuration(r.durationMs), `${r.tasksDone} done${r.tasksFailed ? `, ${r.tasksFailed} failed` : ''}`, r.outcome ?? 'running', formatUsd(r.costUsd)]),
  );
}

function numbersTable(input: BarChartInput, id: string): HTMLElement {
  const rows = input.categories.map((category, c) => [category, ...input.series.map((s) => input.format(s.values[c] ?? 0))]);
  const el = table(input.label, [input.days ? 'Day' : 'Name', ...input.series.map((s) => s.label)], rows);
  el.id = id;
  return el;
}

function table(caption: string, headers: string[], rows: string[][]): HTMLElement {
  const head = h('tr', {}, ...headers.map((text) => h('th', { text, attrs: { scope: 'col' } })));
  const body = h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((text) => h('td', { text })))));
  if (rows.length === 0) body.appendChild(h('tr', {}, h('td', { text: 'None yet.', attrs: { colspan: String(headers.length) } })));
  return h('table', { class: 'stats-table' }, h('caption', { text: caption }), h('thead', {}, head), body);
}

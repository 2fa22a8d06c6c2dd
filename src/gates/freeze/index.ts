import type { Finding, Gate, GateIO, GateResult, ResultSection } from '../../types.js'
import { catalog } from './catalog.js'
import { parseFreezeInputs, type FreezeConfig, type FreezeWindow } from './config.js'
import { evaluateWindows, followingWindows, type WindowState } from './windows.js'
import { formatUtc, formatWallClock } from './zoned-time.js'

const TITLE = 'Deploy freeze'

export const freezeGate: Gate<FreezeConfig> = {
  name: 'freeze',
  title: TITLE,
  parseInputs: source => parseFreezeInputs(source),
  run: async (config, io) => runFreeze(config, io)
}

export function runFreeze(config: FreezeConfig, io: GateIO): GateResult {
  const now = io.now()
  // Seconds are enough to read; the verdict itself uses the exact instant.
  const shownNow = Math.floor(now / 1000) * 1000
  const { states, active } = evaluateWindows(config.windows, now)
  const when = (instant: number) => `${formatUtc(instant)} (${formatWallClock(instant, config.timeZone)})`
  const until = active?.closes === undefined ? '' : formatUtc(active.closes)
  const closingOf = (state: WindowState) =>
    state.closes === undefined ? 'with no end in sight' : `until ${when(state.closes)}`
  // A window that opens as this one closes keeps the freeze going: say so, or "until" would mislead.
  const chain = active ? followingWindows(config.windows, active) : []
  const then = chain.map(state => `, then '${state.window.name}' ${closingOf(state)}`).join('')
  const closing = active ? `${closingOf(active)}${then}` : ''
  const lastClose = active ? (chain.length > 0 ? chain[chain.length - 1]! : active).closes : undefined
  const findings: Finding[] = []
  const overridden = active !== undefined && config.override !== undefined
  if (active && !overridden) {
    findings.push(
      catalog.finding('frozen', {
        message: `Deploy freeze '${active.window.name}' is in force ${closing}: no deploys until then`
      })
    )
  }
  if (active && overridden) {
    findings.push(
      catalog.finding('freeze-overridden', {
        message: `Deploy freeze '${active.window.name}' (${closing}) overridden: ${config.override}`
      })
    )
  }
  return {
    gate: 'freeze',
    title: TITLE,
    findings,
    outputs: {
      frozen: String(active !== undefined),
      window: active?.window.name ?? '',
      until,
      overridden: String(overridden)
    },
    sections: [
      {
        heading: 'Freeze verdict',
        blocks: [
          {
            kind: 'key-value',
            pairs: [
              ['Now', when(shownNow)],
              [
                'Verdict',
                active
                  ? `${overridden ? 'overridden' : 'frozen'}: '${active.window.name}' ${closing}`
                  : 'no freeze in force'
              ],
              ...(config.override !== undefined
                ? [['Override reason', config.override] as [string, string]]
                : [])
            ]
          },
          ...(config.override !== undefined && !active
            ? [
                {
                  kind: 'text' as const,
                  text: 'An override was given, but no freeze is in force: nothing to override.',
                  tone: 'note' as const
                }
              ]
            : [])
        ]
      },
      windowsSection(states, config.timeZone)
    ],
    scope: `${config.windows.length} freeze window(s) in ${config.timeZone}, checked at ${formatUtc(shownNow)}`,
    secrets: [],
    data: {
      now: formatUtc(now),
      // When deploys can resume: the end of the last window of the chain (null: not frozen, or no end found).
      lifts: lastClose === undefined ? null : formatUtc(lastClose),
      timeZone: config.timeZone,
      windows: states.map(state => ({
        name: state.window.name,
        inForce: state.inForce,
        opens: state.opens === undefined ? null : formatUtc(state.opens),
        closes: state.closes === undefined ? null : formatUtc(state.closes)
      }))
    },
    checks: states.map(state => ({
      name: `not in freeze window ${state.window.name}`,
      group: 'freeze',
      findings: state === active ? findings : []
    }))
  }
}

function schedule(window: FreezeWindow): string {
  return window.kind === 'dates'
    ? `${window.fromText} → ${window.toText}`
    : `cron ${window.startText} → ${window.endText}`
}

function windowsSection(states: readonly WindowState[], timeZone: string): ResultSection {
  const at = (instant: number | undefined) =>
    instant === undefined ? '' : `${formatWallClock(instant, timeZone)} (${formatUtc(instant)})`
  return {
    heading: 'Freeze windows',
    blocks: [
      {
        kind: 'table',
        columns: ['Window', 'Schedule', 'State', 'Opens', 'Closes'],
        code: [1],
        rows: states.map(({ window, inForce, opens, closes }) => [
          window.name,
          schedule(window),
          inForce ? '❄️ in force' : opens === undefined ? 'over' : 'upcoming',
          // A date window that is over still shows its dates; a cron window shows its current or next opening.
          at(window.kind === 'dates' ? window.from : opens),
          at(window.kind === 'dates' ? window.to : closes)
        ])
      }
    ]
  }
}

import type { ResultBlock, ResultSection } from '../../types.js'
import type { MetricConfig } from './metric.js'
import type { ProbeOutcome } from './probe.js'

/** Nearest-rank percentile (the value below which p% of samples fall); undefined for no samples. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]
}

const MAX_TABLE_ROWS = 60
const MAX_CHARTS = 3
const MAX_CHART_POINTS = 60
const KIND_LABEL: Record<ProbeOutcome['kind'], string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  error: '⛔ error',
  inconclusive: '❔ inconclusive'
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/** The probe table over time and one latency chart per target (Mermaid `xychart-beta`, rendered by GitHub). */
export function probeSections(outcomes: readonly ProbeOutcome[]): ResultSection[] {
  if (outcomes.length === 0) return []
  return [{ heading: 'Probes', blocks: probeTable(outcomes) }, ...latencyCharts(outcomes)]
}

function probeTable(outcomes: readonly ProbeOutcome[]): ResultBlock[] {
  // A long window keeps every probe that did not pass and as many recent ones as fit.
  let rows = [...outcomes]
  if (rows.length > MAX_TABLE_ROWS) {
    const keep = new Set(rows.filter(o => o.kind !== 'pass').slice(-MAX_TABLE_ROWS))
    for (const outcome of [...rows].reverse()) {
      if (keep.size >= MAX_TABLE_ROWS) break
      keep.add(outcome)
    }
    rows = rows.filter(o => keep.has(o))
  }
  const blocks: ResultBlock[] = [
    {
      kind: 'table',
      columns: ['Time', 'Target', 'Phase', 'Result', 'Status', 'Latency', 'Detail'],
      align: ['right', 'left', 'left', 'left', 'right', 'right', 'left'],
      rows: rows.map(o => [
        seconds(o.at),
        o.target,
        o.phase,
        KIND_LABEL[o.kind],
        o.status === undefined ? '' : String(o.status),
        `${Math.round(o.latencyMs)} ms`,
        o.reason ?? o.value ?? ''
      ])
    }
  ]
  if (rows.length < outcomes.length)
    blocks.push({ kind: 'text', text: `${outcomes.length - rows.length} passing probes omitted.` })
  return blocks
}

function latencyCharts(outcomes: readonly ProbeOutcome[]): ResultSection[] {
  const targets = [...new Set(outcomes.map(o => o.target))].slice(0, MAX_CHARTS)
  return targets.flatMap(target => {
    const points = outcomes.filter(o => o.target === target).slice(-MAX_CHART_POINTS)
    if (points.length < 2) return []
    const latencies = points.map(o => Math.round(o.latencyMs))
    // Bars stand only where a probe did not pass, so failures stand out against the latency line.
    const failures = points.map((o, i) => (o.kind === 'pass' ? 0 : latencies[i]!))
    const chart: ResultBlock = {
      kind: 'chart',
      title: `${target}: latency (ms), bars = failed probes`,
      xLabel: 'seconds since start',
      yLabel: 'latency (ms)',
      x: points.map(o => (o.at / 1000).toFixed(1)),
      series: [
        { name: 'failed probes', values: failures, style: 'bar' },
        { name: 'latency', values: latencies }
      ]
    }
    return [{ heading: `Latency: ${target}`, blocks: [chart] }]
  })
}

/** One table of every metric, then each metric's values over time (chart) with its non-passing measurements. */
export function metricSections(
  metrics: readonly MetricConfig[],
  outcomes: readonly ProbeOutcome[]
): ResultSection[] {
  if (metrics.length === 0) return []
  const count = (name: string, kind: ProbeOutcome['kind']) =>
    outcomes.filter(o => o.target === name && o.kind === kind).length
  const table: ResultBlock = {
    kind: 'table',
    columns: ['Metric', 'Source', 'Condition', 'Pass', 'Fail', 'Error', 'Inconclusive', 'Last value'],
    align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
    code: [2],
    rows: metrics.map(metric => {
      const mine = outcomes.filter(o => o.target === metric.name)
      const conditions = [
        metric.successCondition ? `success: ${metric.successCondition.source}` : '',
        metric.failureCondition ? `failure: ${metric.failureCondition.source}` : ''
      ]
        .filter(Boolean)
        .join('; ')
      return [
        `${metric.name}${metric.dryRun ? ' (dry run)' : ''}`,
        metric.provider.kind === 'prometheus'
          ? `prometheus: ${metric.provider.query}`
          : `web: ${metric.provider.jsonPath}`,
        conditions,
        String(count(metric.name, 'pass')),
        String(count(metric.name, 'fail')),
        String(count(metric.name, 'error')),
        String(count(metric.name, 'inconclusive')),
        mine.at(-1)?.value ?? mine.at(-1)?.reason ?? ''
      ]
    })
  }
  const charts = metrics.flatMap((metric): ResultSection[] => {
    const points = outcomes
      .filter(o => o.target === metric.name && o.phase === 'window')
      .slice(-MAX_CHART_POINTS)
    if (points.length < 2) return []
    const values = points.map(o => (o.numeric === undefined ? null : o.numeric))
    const chart: ResultBlock = {
      kind: 'chart',
      title: `${metric.name}: value per measurement, bars = measurements that did not pass`,
      xLabel: 'seconds since start',
      yLabel: metric.name,
      x: points.map(o => (o.at / 1000).toFixed(1)),
      series: [
        {
          name: 'not passed',
          values: points.map((o, i) => (o.kind === 'pass' ? 0 : (values[i] ?? 0))),
          style: 'bar'
        },
        { name: metric.name, values }
      ]
    }
    const detail: ResultBlock = {
      kind: 'table',
      columns: ['Time', 'Result', 'Value', 'Detail'],
      align: ['right', 'left', 'left', 'left'],
      rows: points.map(o => [seconds(o.at), KIND_LABEL[o.kind], o.value ?? '', o.reason ?? ''])
    }
    return [
      {
        heading: `Metric: ${metric.name}`,
        blocks: [chart, { kind: 'details', summary: 'Measurements', blocks: [detail] }]
      }
    ]
  })
  return [{ heading: 'Metrics', blocks: [table] }, ...charts]
}

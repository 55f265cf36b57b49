// Turns the JSON report of quiver_tck (--report FILE) into the Markdown tables of
// docs/conformance.md: figures per folder and in total, and the most common failure kinds.
//
// Usage: node report_to_markdown.mjs REPORT.json [TOP]
//   TOP  how many failure kinds to list (default 15)

import { readFileSync } from 'node:fs';

const [reportPath, topText] = process.argv.slice(2);
if (!reportPath) {
  console.error('usage: node report_to_markdown.mjs REPORT.json [TOP]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const top = Number(topText || 15);

const percent = (passed, total) => (total ? ((100 * passed) / total).toFixed(1) : '0.0');
const row = (cells) => `| ${cells.join(' | ')} |`;

const lines = [];
lines.push(row(['folder', 'scenarios', 'passed', 'failed', 'skipped', 'pass rate']));
lines.push(row(['---', '---:', '---:', '---:', '---:', '---:']));
for (const [folder, c] of Object.entries(report.folders)) {
  const total = c.passed + c.failed + c.skipped;
  lines.push(row([folder, total, c.passed, c.failed, c.skipped, `${percent(c.passed, total)}%`]));
}
lines.push(row(['**total**', report.total, report.passed, report.failed, report.skipped,
                `**${percent(report.passed, report.total)}%**`]));

lines.push('');
lines.push(row(['failures', 'kind']));
lines.push(row(['---:', '---']));
for (const { kind, count } of report.failure_kinds.slice(0, top)) {
  lines.push(row([count, kind.replaceAll('|', '\\|')]));
}
console.log(lines.join('\n'));

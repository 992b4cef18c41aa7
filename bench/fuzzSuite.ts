/**
 * Fuzz and abuse suite at full size: seeded hostile inputs across the contract (customer messages with
 * prompt injections, raw invalid UTF-8 and deep JSON through the HTTP host, approvals with edited
 * arguments, settings, taxonomies, transcripts, uploads), then the checks: no crash, no change without
 * an approval call, no other customer's data in drafts or tool results. Prints one JSON object.
 * Usage: npx tsx bench/fuzzSuite.ts [--inputs 10000] [--seed 1]
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runFuzzCampaign } from '../test/integration/faults/support/fuzzCampaign.js';

const { values } = parseArgs({ options: { inputs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const started = performance.now();
const report = await runFuzzCampaign({ inputs: Number(values.inputs), seed: Number(values.seed) });
const failures = report.crashes + report.internalErrors + report.unapprovedChanges + report.otherCustomerData + (report.hostAliveAtEnd ? 0 : 1);
process.stdout.write(`${JSON.stringify({
  workload: `${report.inputs} seeded fuzz and abuse inputs (seed ${values.seed}) through the dispatcher and the HTTP host`,
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  failures,
  ...report,
  findings: report.findings.slice(0, 20),
  seconds: Math.round((performance.now() - started) / 1000),
}, null, 2)}\n`);
process.exitCode = failures === 0 ? 0 : 1;

/**
 * `npm run data:large`: builds the large database for reports and the performance bench.
 *
 *   --services 20 --schools 2000 --referrals 200000 --years 5 --out data/large.db --seed 1
 *   --until 2026-11-26  the day the data runs up to (default today, UTC)
 *   --small             2 services, 20 schools, 2,000 referrals (for tests and a quick look)
 *   --if-missing        do nothing when the file exists from this generator version with the same seed and sizes
 *
 * Every account's password is BENCH_PASSWORD in src/lib/server/large-data/options.ts; no account has
 * an authenticator (the bench creates sessions directly).
 */
import { parseArgs } from './lib/args';
import { ensureKitPaths } from './lib/kit';

const { values, flags } = parseArgs(process.argv.slice(2), { values: ['services', 'schools', 'referrals', 'years', 'out', 'seed', 'until'], flags: ['small', 'if-missing'] });
await ensureKitPaths();

const { readOptions } = await import('../src/lib/server/large-data/options');
const { isCurrent } = await import('../src/lib/server/large-data/marker');
const { generateLargeData } = await import('../src/lib/server/large-data/generate');

const options = readOptions(values, flags.has('small'));
if (flags.has('if-missing') && isCurrent(options)) {
	process.stdout.write(`${options.out} is already built by this generator with seed ${options.seed}: nothing to do\n`);
	process.exit(0);
}
const started = Date.now();
const marker = await generateLargeData(options, (line) => process.stdout.write(`${line}\n`));
const rows = Object.entries(marker.rows).sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`\n${rows.map(([name, n]) => `${name.padEnd(width)}  ${n.toLocaleString('en-GB').padStart(12)}`).join('\n')}\n`);
process.stdout.write(`\nWrote ${options.out} (${(marker.bytes / 1024 / 1024).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { GENERATOR_VERSION, type LargeDataOptions } from './options';

/**
 * A sidecar JSON next to the database (`large.db.json`) saying which generator and options built it,
 * so the performance bench can reuse a file (`--if-missing`) instead of building it again. A sidecar
 * rather than a table keeps the database's schema exactly the app's.
 */
export interface Marker {
	generatorVersion: number;
	options: LargeDataOptions;
	rows: Record<string, number>;
	seconds: number;
	bytes: number;
}

export const markerPath = (out: string) => `${out}.json`;

export function readMarker(out: string): Marker | null {
	if (!existsSync(out) || !existsSync(markerPath(out))) return null;
	try {
		return JSON.parse(readFileSync(markerPath(out), 'utf8')) as Marker;
	} catch {
		return null;
	}
}

/** True when the file was built by this generator version with the same seed and sizes. */
export function isCurrent(options: LargeDataOptions): boolean {
	const marker = readMarker(options.out);
	if (!marker || marker.generatorVersion !== GENERATOR_VERSION) return false;
	const o = marker.options;
	return o.seed === options.seed && o.services === options.services && o.schools === options.schools && o.referrals === options.referrals && o.years === options.years;
}

export function writeMarker(marker: Marker): void {
	writeFileSync(markerPath(marker.options.out), JSON.stringify(marker, null, '\t') + '\n');
}

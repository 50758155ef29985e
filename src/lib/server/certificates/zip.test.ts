import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zipStore } from './zip';

describe('the ZIP writer', () => {
	it('computes the standard CRC-32', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		expect(crc32(new Uint8Array())).toBe(0);
	});

	it('writes an archive that unzip lists, tests and extracts byte for byte', () => {
		const dir = mkdtempSync(join(tmpdir(), 'divert-zip-'));
		try {
			const files = [
				{ name: 'certificate-AAAA.pdf', data: Buffer.from('%PDF-1.7 first') },
				{ name: 'certificate-BBBB.pdf', data: new Uint8Array(70_000).map((_, i) => i % 251) },
				{ name: 'empty.txt', data: new Uint8Array() }
			];
			const zip = join(dir, 'out.zip');
			writeFileSync(zip, zipStore(files));
			expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
			execFileSync('unzip', ['-q', zip, '-d', join(dir, 'x')]);
			for (const f of files) expect(Buffer.compare(readFileSync(join(dir, 'x', f.name)), Buffer.from(f.data))).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

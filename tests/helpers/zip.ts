/**
 * Reads the files out of a ZIP whose entries are stored uncompressed (what `zipStore` writes), by
 * walking its local headers (PKWARE APPNOTE 4.3.7), so a test can look inside each file.
 */
export function storedEntries(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries: { name: string; data: Uint8Array }[] = [];
	let at = 0;
	while (at + 30 <= buffer.length && buffer.readUInt32LE(at) === 0x04034b50) {
		if (buffer.readUInt16LE(at + 8) !== 0) throw new Error('a compressed ZIP entry: only stored ones are read');
		const size = buffer.readUInt32LE(at + 18);
		const nameLength = buffer.readUInt16LE(at + 26);
		const start = at + 30 + nameLength + buffer.readUInt16LE(at + 28);
		entries.push({ name: buffer.toString('utf8', at + 30, at + 30 + nameLength), data: buffer.subarray(start, start + size) });
		at = start + size;
	}
	return entries;
}

import { createHash } from 'node:crypto';

/**
 * The bytes kept for every generated certificate: a tiny valid one-page PDF saying it is a
 * placeholder. Not the real renderer: a real certificate embeds DejaVu and a QR code (tens of KB),
 * and ~130,000 of them would add gigabytes to the large database for nothing the bench measures.
 */
let cached: { bytes: Buffer; sha256: string } | null = null;

export function placeholderCertificate(): { bytes: Buffer; sha256: string } {
	if (cached) return cached;
	const text = 'BT /F1 18 Tf 72 720 Td (Certificate placeholder: large test data) Tj ET';
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	for (const [i, object] of objects.entries()) {
		offsets.push(body.length);
		body += `${i + 1} 0 obj\n${object}\nendobj\n`;
	}
	const xref = body.length;
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	const bytes = Buffer.from(body, 'latin1');
	cached = { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
	return cached;
}

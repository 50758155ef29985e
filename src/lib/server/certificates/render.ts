import QRCode from 'qrcode';
import { formatIsoDate } from '$lib/schemas/fields';
import { createDocument, toBuffer } from '../pdf/document';

/**
 * What a certificate shows (DOMAIN.md §3 step 8): the programme, the young person's preferred name as
 * confirmed at issue, the completion date, the provider and signatory, the verification code and a QR
 * code to the public check page. Nothing about the incident: no offence, substance or police matter.
 */
export interface CertificateDoc {
	programmeName: string;
	name: string;
	completedOn: string;
	providerName: string;
	signatoryName: string;
	signatoryRole: string;
	code: string;
	checkUrl: string;
	/** Where someone types the code by hand: the check page without the code. */
	checkPage: string;
}

/** Renders the certificate, pure: plain data in, bytes out. Names are drawn as text, never markup. */
export async function renderCertificate(c: CertificateDoc): Promise<Buffer> {
	const qr = await QRCode.toBuffer(c.checkUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
	const doc = createDocument(`Certificate of completion: ${c.programmeName}`);
	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = doc.page.width - 100;
	const para = (text: string, font: string, size: number, gap = 0.6) => {
		root.add(doc.struct('P', {}, () => doc.font(font).fontSize(size).text(text, { align: 'center', width })));
		doc.moveDown(gap);
	};
	doc.markContent('Artifact', { type: 'Layout' });
	doc.rect(30, 30, doc.page.width - 60, doc.page.height - 60).lineWidth(2).stroke('#1d70b8');
	doc.endMarkedContent();
	doc.y = 110;
	root.add(doc.struct('H1', {}, () => doc.font('bold').fontSize(28).text('Certificate of completion', { align: 'center', width })));
	doc.moveDown(1.2);
	para('This certifies that', 'body', 14);
	para(c.name, 'bold', 26, 0.8);
	para('has completed', 'body', 14);
	para(c.programmeName, 'bold', 18, 0.8);
	para(`on ${formatIsoDate(c.completedOn)}`, 'body', 14, 2);
	para(`Provided by ${c.providerName}`, 'body', 12, 1.5);
	para(c.signatoryName, 'bold', 12, 0.2);
	para(c.signatoryRole, 'body', 12, 2);
	const size = 110;
	const x = (doc.page.width - size) / 2;
	const y = doc.y;
	root.add(doc.struct('Figure', { alt: 'QR code that opens the page to check this certificate' }, () => doc.image(qr, x, y, { width: size, height: size })));
	doc.y = y + size + 12;
	para(`Verification code: ${c.code}`, 'bold', 12, 0.2);
	para(`Check this certificate at ${c.checkPage}`, 'body', 10, 0);
	root.end();
	return toBuffer(doc);
}

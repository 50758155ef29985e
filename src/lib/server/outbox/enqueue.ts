import { t, type Queryable } from '../db';
import { newId } from '../util/ids';

/**
 * An email, written as a row in the caller's transaction: it is sent only if the change commits, and
 * a worker on any instance sends it. Emails never carry pupil details: they say something needs
 * attention and link to it.
 */
export interface EmailMessage {
	to: string;
	subject: string;
	text: string;
}

export async function enqueueEmail(q: Queryable, serviceId: string | null, message: EmailMessage, now = new Date()) {
	await q.insert(t.outbox).values({
		id: newId(),
		kind: 'email',
		serviceId,
		payload: JSON.stringify(message),
		status: 'pending',
		runAt: now,
		createdAt: now
	});
}

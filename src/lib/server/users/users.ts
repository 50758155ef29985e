import { eq } from 'drizzle-orm';
import { db, t } from '../db';

export async function accountEmail(userId: string): Promise<string> {
	const [row] = await db().select({ email: t.user.email }).from(t.user).where(eq(t.user.id, userId));
	return row?.email ?? '';
}

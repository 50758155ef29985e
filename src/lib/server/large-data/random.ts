/**
 * A seeded random source (sfc32), so the large database is the same for the same seed. Ids come from
 * it too: 80 bits in base32 like `newId()`, but repeatable.
 */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		this.a = 0x9e3779b9;
		this.b = 0x243f6a88;
		this.c = 0xb7e15162;
		this.d = seed >>> 0;
		for (let i = 0; i < 15; i++) this.next();
	}

	/** A float in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	/** One key by weight: `{ a: 3, b: 1 }` gives a three times in four. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as [K, number][];
		const sum = entries.reduce((s, [, w]) => s + w, 0);
		let r = this.next() * sum;
		for (const [key, w] of entries) {
			r -= w;
			if (r < 0) return key;
		}
		return (entries[entries.length - 1] as [K, number])[0];
	}

	/** A random id of 16 base32 characters (80 bits), the shape of `newId()`. */
	id(): string {
		let out = '';
		for (let i = 0; i < 16; i++) out += BASE32[Math.floor(this.next() * 32)];
		return out;
	}

	/** A 32-bit seed for a child source (faker, say). */
	seed(): number {
		return Math.floor(this.next() * 4294967296);
	}
}

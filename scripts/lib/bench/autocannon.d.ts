/** The few parts of autocannon 9 (which ships no types) the performance bench uses. */
declare module 'autocannon' {
	export interface Options {
		url: string;
		method?: 'GET' | 'POST';
		headers?: Record<string, string>;
		connections?: number;
		duration?: number;
		/** Seconds before a request counts as a timeout. */
		timeout?: number;
	}
	export interface Histogram {
		average: number;
		p50: number;
		p99: number;
		max: number;
	}
	export interface Result {
		duration: number;
		errors: number;
		timeouts: number;
		non2xx: number;
		'2xx': number;
		statusCodeStats: Record<string, { count: number }>;
		latency: Histogram & { totalCount: number };
		requests: Histogram & { total: number; sent: number };
	}
	export default function autocannon(options: Options): Promise<Result>;
}

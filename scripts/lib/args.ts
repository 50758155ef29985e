/** Command-line options: `--name value`, `--name=value` and bare `--flag`. Anything else is refused. */
export interface ParsedArgs {
	values: Map<string, string>;
	flags: Set<string>;
}

export function parseArgs(argv: string[], spec: { values?: string[]; flags?: string[] }): ParsedArgs {
	const values = new Map<string, string>();
	const flags = new Set<string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		const name = match?.[1];
		if (!name) throw new Error(`Unexpected argument "${arg}"`);
		if (spec.flags?.includes(name) && match[2] === undefined) {
			flags.add(name);
		} else if (spec.values?.includes(name)) {
			const value = match[2] ?? argv[++i];
			if (value === undefined) throw new Error(`--${name} needs a value`);
			values.set(name, value);
		} else {
			throw new Error(`Unknown option --${name}`);
		}
	}
	return { values, flags };
}

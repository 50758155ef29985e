/** Zod's settings as zod reads them: one object on `globalThis` (zod/v4/core/core.js, `globalConfig`). */
interface ZodGlobal {
	__zod_globalConfig?: { jitless?: boolean };
}

/**
 * Tells zod not to compile its parsers with `Function`. Zod probes whether `Function('')` works when it
 * builds an object schema; our CSP allows no eval (SECURITY.md 12), so in the browser the probe is
 * blocked and reported as a CSP violation on every page that builds a schema. Zod parses the same way
 * without compiling. This sets the global object zod reads, before or after zod loads, instead of
 * calling zod's `config()`, so that the browser loads zod only on pages that use it (issue 8: zod's
 * core is 4 KB gzipped, which the client hook would otherwise put on every page).
 */
export function turnOffZodCompilation(scope: ZodGlobal = globalThis as ZodGlobal): void {
	scope.__zod_globalConfig ??= {};
	scope.__zod_globalConfig.jitless = true;
}

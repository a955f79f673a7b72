import { ConfigError, loadConfig } from '../../config/config.js';

/** The variables `loadConfig` refuses in this environment (none when it loads). */
export function refusedVariables(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.map((i) => i.variable);
  }
}

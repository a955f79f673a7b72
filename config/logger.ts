import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Structured JSON logs (pino). One root logger per process; components use child loggers. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name: string): Logger {
  return pino({ name, level: config.LOG_LEVEL, timestamp: pino.stdTimeFunctions.isoTime });
}

export type { Logger };

import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Query parameters that carry credentials (the partner agency's answer link): never logged. */
const SECRET_QUERY = /([?&](?:token|signature)=)[^&#]*/gi;

/** A URL as it may be logged: credential-bearing query values replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1***');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  socket?: { remoteAddress?: string };
}

/**
 * Structured JSON logs (pino). One root logger per process; components use child loggers. Requests are
 * logged without credentials: no Authorization header, no token in the URL.
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  name: string,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level: config.LOG_LEVEL,
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        remoteAddress: req.socket?.remoteAddress,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };

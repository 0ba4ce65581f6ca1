import { LoggerService } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { logLevel } from './telemetry-settings';

type Level = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/**
 * Field names that could carry a patient identifier. Code must not log them; this
 * is the safety net that replaces their values if it ever does.
 */
const REDACTED_KEYS =
  /^(patient.*|name|fullname|firstname|lastname|givenname|familyname|phone.*|nir|ssn|socialsecuritynumber|address|email|birthdate)$/i;

/** Structured JSON logs, one object per line, with the active trace id. */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: string = logLevel(),
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = RANK[(level as Level) in RANK ? (level as Level) : 'info'];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  private emit(level: Level, message: unknown, rest: unknown[]): void {
    if (RANK[level] > this.threshold) return;
    // Nest passes the context (class name) as the last string argument, and a stack for errors.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, service: this.service };
    if (context) entry.context = context;
    const span = trace.getActiveSpan()?.spanContext();
    if (span) entry.traceId = span.traceId;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, redact(message as Record<string, unknown>));
    } else {
      entry.msg = String(message);
    }
    const stack = rest.find((r) => typeof r === 'string' && r.includes('\n    at '));
    if (stack) entry.stack = stack;
    this.write(JSON.stringify(entry));
  }
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, REDACTED_KEYS.test(k) ? '[redacted]' : v]));
}

/** A usage or configuration error: exit code 2, with a one-line message. */
export class UsageError extends Error {}

/** An invalid config file; the message names the file, line, column, key and the allowed values. */
export class ConfigError extends UsageError {}

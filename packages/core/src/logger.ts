/** Where the SDK writes debug lines and warnings. `console` satisfies it. */
export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

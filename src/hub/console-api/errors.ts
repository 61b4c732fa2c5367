/** A refusal of the console API: HTTP status, stable code, Vietnamese message (server.ts answers it). */
export class ConsoleHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

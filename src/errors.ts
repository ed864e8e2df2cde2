/** A user-facing failure: `code` is stable and machine-readable, `message` is one line a person can act on. */
export class ToolkitError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ToolkitError';
  }
}

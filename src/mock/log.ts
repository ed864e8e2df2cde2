/** One concise line per request: API, method, path, HTTP status, envelope code, time. */
export function requestLine(api: string, method: string, path: string, status: number, codeText: string, ms: number): string {
  return `${api} ${method} ${path} → ${status}${codeText} ${ms.toFixed(1)}ms`;
}

const guarded = new WeakSet<NodeJS.WriteStream>();
const broken = new WeakSet<NodeJS.WriteStream>();

/**
 * Output must never take the server down: once the reader of stdout/stderr has gone (`npm start | head`,
 * a closed terminal: EPIPE), further lines are dropped instead of an unhandled 'error' ending the process.
 */
export function guardOutput(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', () => broken.add(stream));
}

/** Write to a guarded stream unless its reader has gone. */
export function writeOutput(stream: NodeJS.WriteStream, text: string): void {
  if (broken.has(stream) || stream.destroyed || !stream.writable) return;
  guardOutput(stream);
  stream.write(text);
}

/**
 * The default log: stdout, one line per call. Lines written in the same tick are joined into one write,
 * because a synchronous write per request on a pipe is a measurable share of the mock's throughput.
 */
export function stdoutLog(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('\n');
    pending = [];
    writeOutput(process.stdout, `${text}\n`);
  };
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}

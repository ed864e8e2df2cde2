import { startTarget, type HostileTarget, type IncomingCall } from './targets.ts';

const hex = (c: string, upper: boolean) => {
  const h = c.charCodeAt(0).toString(16).padStart(4, '0');
  return `\\u${upper ? h.toUpperCase() : h}`;
};

/** JSON string literals of `value`, each in the escaping style of a real server library. */
export const ECHO_STYLES: Record<string, (value: string) => string> = {
  raw: (v) => JSON.stringify(v),
  php: (v) => JSON.stringify(v).replace(/\//g, '\\/'),
  gson: (v) => JSON.stringify(v).replace(/[<>&=']/g, (c) => hex(c, false)),
  gsonUpper: (v) => JSON.stringify(v).replace(/[<>&=']/g, (c) => hex(c, true)),
  everyCharLower: (v) => `"${[...v].map((c) => (/[A-Za-z0-9]/.test(c) ? c : hex(c, false))).join('')}"`,
  everyCharUpper: (v) => `"${[...v].map((c) => (/[A-Za-z0-9]/.test(c) ? c : hex(c, true))).join('')}"`,
  jsonInJson: (v) => JSON.stringify(JSON.stringify(v)),
  url: (v) => JSON.stringify(encodeURIComponent(v)),
  urlLower: (v) => JSON.stringify(encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())),
  form: (v) => JSON.stringify(new URLSearchParams({ v }).toString().slice(2)),
  htmlDecimal: (v) => JSON.stringify(v.replace(/[^A-Za-z0-9]/g, (c) => `&#${c.codePointAt(0)};`)),
  htmlHex: (v) => JSON.stringify(v.replace(/[^A-Za-z0-9]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`)),
  htmlNamed: (v) => JSON.stringify(v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)),
};
const styleNames = Object.keys(ECHO_STYLES);

/**
 * A target that echoes each request back in every escaping style at once: in the message field (after a
 * padding that moves the secret across every excerpt's cut), in one undocumented field per style, as a key
 * name, in the Server header and, now and then, as a plain-text or non-JSON-typed answer.
 */
export function startEchoTarget(): Promise<HostileTarget> {
  return startTarget((call: IncomingCall) => {
    const { n, body, contract } = call;
    if (!contract) return void call.res.writeHead(404).end();
    const { codeField, messageField, successCodes } = contract.envelope;
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // malformed variants are echoed as text
    }
    const secret = String(parsed.appkey ?? parsed.mobile ?? 'none');
    const style = styleNames[n % styleNames.length]!;
    const padding = 'x'.repeat((n * 7) % 131);
    const code = n % 3 === 0 ? successCodes[0] : contract.api === 'lingju' ? 8 : 1001;
    const fields = [`"${codeField}":${code}`, `"${messageField}":${ECHO_STYLES[style]!(padding + body)}`];
    const order = n % 2 ? styleNames : [...styleNames].reverse();
    for (const name of order) fields.push(`"echo_${name}":${ECHO_STYLES[name]!(body)}`);
    fields.push(`${ECHO_STYLES[style]!(secret)}:1`);
    const headers = { Server: `echo ${encodeURIComponent(secret)} ${secret.replace(/[^\x20-\x7e]/g, '?')}` };
    if (n % 7 === 3) return void call.res.writeHead(200, { ...headers, 'Content-Type': 'text/plain' }).end(`error near ${padding}${body}`);
    if (n % 11 === 5) return void call.res.writeHead(200, { ...headers, 'Content-Type': `text/html; echo=${encodeURIComponent(secret)}` }).end(`{${fields.join(',')}}`);
    call.res.writeHead(200, { ...headers, 'Content-Type': contract.envelope.contentType }).end(`{${fields.join(',')}}`);
  });
}

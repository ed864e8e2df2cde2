/**
 * How the user typed a command, for usage lines, error pointers and replay commands: `npm run review --` in a clone,
 * `envelope-contract-kit review` from an installed package (bin/envelope-contract-kit.ts sets BIN_ENV; vitest's workers inherit it).
 */
export const BIN_NAME = 'envelope-contract-kit';
export const BIN_ENV = 'ENVELOPE_CONTRACT_KIT_BIN';

export interface Invocation {
  /** The command alone: `npm start` / `envelope-contract-kit mock`. */
  command: string;
  /** The command followed by where its options go: `npm start --` / `envelope-contract-kit mock`. */
  withOptions: string;
}

export function invocation(npmForm: string, subcommand: string): Invocation {
  if (process.env[BIN_ENV] === '1') return { command: `${BIN_NAME} ${subcommand}`, withOptions: `${BIN_NAME} ${subcommand}` };
  return { command: npmForm, withOptions: `${npmForm} --` };
}

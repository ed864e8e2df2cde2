// The error-code tables as data, and the pure helpers that read them (the client package's `/codes` subpath).
export { weiduContract } from '../generated/weidu-contract.ts';
export { lingjuContract } from '../generated/lingju-contract.ts';
export { describeCode, documentedCodes, entryCodes, exampleForCode, isSuccessCode, lookupCode } from '../spec/codes.ts';
export type { EnvelopeContract, ErrorCodeEntry, ErrorEnvelope, SourceRef } from '../spec/types.ts';

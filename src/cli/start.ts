// Placeholder until the mock lands: say what exists.
console.log('The mock server is not built yet. Specs: openapi/weidu.yaml, openapi/lingju.yaml. Run `npm test` for the contract checks.');

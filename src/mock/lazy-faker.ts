import { createRequire, Module } from 'node:module';

/**
 * Startup time: Prism's mocker loads its own @faker-js/faker (every locale: about half a second of a
 * ~1.5 s startup on a small machine) only to hand it to json-schema-faker for `x-faker` keywords in
 * dynamic mode (`Prefer: dynamic=true`). Until something actually reads from it, that module is a stub
 * whose `default` is a proxy that loads the real faker on first use. If the module layout is not the
 * expected one this does nothing, and Prism loads faker itself as usual.
 */
export function deferPrismFaker(): void {
  try {
    const ownRequire = createRequire(import.meta.url);
    const requireFromPrism = createRequire(ownRequire.resolve('@stoplight/prism-http/dist/mocker/generator/JSONSchema.js'));
    const fakerPath = requireFromPrism.resolve('@faker-js/faker');
    const cache = ownRequire.cache;
    if (cache[fakerPath]) return;
    let real: object | undefined;
    const load = (): object => {
      if (!real) {
        delete cache[fakerPath];
        real = ((requireFromPrism(fakerPath) as { default?: object }).default ?? {}) as object;
      }
      return real;
    };
    const lazyFaker = new Proxy(
      {},
      {
        get: (_target, key) => Reflect.get(load(), key),
        has: (_target, key) => Reflect.has(load(), key),
        set: (_target, key, value) => Reflect.set(load(), key, value),
      },
    );
    const stub = new Module(fakerPath);
    stub.filename = fakerPath;
    stub.loaded = true;
    stub.exports = { __esModule: true, default: lazyFaker, get faker() { return load(); } };
    cache[fakerPath] = stub;
  } catch {
    // Not the expected layout: nothing deferred.
  }
}

/**
 * Starts the check worker. Alone in this file because `import.meta` is only valid in the ES modules webpack
 * compiles (jest and the type check see CommonJS); it is loaded with import() only where Worker exists.
 */
export function startCheckWorker(): Worker {
  // @ts-expect-error import.meta: webpack compiles src/ as ES modules (webpack.config.js) and bundles the worker from it
  return new Worker(/* webpackChunkName: "check-worker" */ new URL('./checkWorker.ts', import.meta.url), { name: 'check' });
}

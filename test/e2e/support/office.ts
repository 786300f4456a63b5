/**
 * Bundles ./office-entry.ts (the fake Office/Excel globals over test/excel/fake-excel.ts) into one browser script
 * with webpack's Node API — the test harness only; the page itself is never built here. Cached per test run.
 */
import * as fs from 'fs';
import * as path from 'path';
import webpack from 'webpack';
import { ROOT } from './browser';

const OUT_DIR = path.join(ROOT, 'test-results', 'e2e-build');
const OUT_FILE = 'fake-office.js';
let cached: Promise<string> | null = null;

export function fakeOfficeScript(): Promise<string> {
  cached ??= new Promise<string>((resolve, reject) => {
    const compiler = webpack({
      mode: 'development',
      devtool: false,
      target: 'web',
      context: ROOT,
      entry: path.join(__dirname, 'office-entry.ts'),
      output: { path: OUT_DIR, filename: OUT_FILE, iife: true },
      resolve: { extensions: ['.ts', '.js'] },
      module: {
        rules: [
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            use: {
              loader: 'ts-loader',
              options: {
                transpileOnly: true,
                configFile: path.join(ROOT, 'tsconfig.json'),
                compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: false },
              },
            },
          },
        ],
      },
      optimization: { splitChunks: false, runtimeChunk: false },
      performance: { hints: false },
      infrastructureLogging: { level: 'error' },
    });
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(err);
      if (!stats || stats.hasErrors()) {
        return reject(new Error(`bundling the fake office-js failed:\n${stats?.toString({ all: false, errors: true })}`));
      }
      resolve(fs.readFileSync(path.join(OUT_DIR, OUT_FILE), 'utf8'));
    });
  });
  return cached;
}

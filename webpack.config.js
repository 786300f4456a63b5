/**
 * Builds the Excel task pane and the standalone page into dist/:
 *   dist/taskpane.html + taskpane.*.js   the add-in's pane (entry src/taskpane/taskpane.tsx)
 *   dist/index.html    + web.*.js        the standalone page over .xlsx files (entry src/web/index.tsx);
 *                                        plain static files, no network at all: open dist/index.html directly
 *   dist/manifest.xml                    manifest.xml with https://localhost:3000/ → ADDIN_URL_PROD (production)
 *   dist/assets/icon-*.png
 *
 * office.js: the task pane loads it from Microsoft's CDN (https://appsforoffice.microsoft.com/lib/1/hosted/office.js),
 * as Microsoft requires for add-ins: the hosted script is versioned together with Office itself, is patched by
 * Microsoft, and the add-in only ever runs inside Office, which reaches that host anyway. The script tag is written
 * once, in src/taskpane/taskpane.html, with its address filled in here (`officeJs`); test/build.test.ts checks it.
 * For a closed government network without access to the CDN, build with OFFICE_JS_LOCAL=1: the npm copy of
 * office.js (@microsoft/office-js) is then copied to dist/office-js/ and referenced instead (~86 MB of locale
 * files, so not the default). The standalone page never loads office.js.
 *
 * ExcelJS and docx are only reached through dynamic import() from the pane, so they land in their own async
 * chunks; a check below fails the build if either appears in the task pane's initial chunks, and warns when the
 * pane's initial JS exceeds 200 KB gzipped.
 */
/* eslint-disable no-undef */
'use strict';
const path = require('path');
const zlib = require('zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const urlProd = ensureSlash(process.env.ADDIN_URL_PROD || 'https://indicator-desk.example.gov.cn/');
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const TASKPANE_INITIAL_GZIP_BUDGET = 200 * 1024;

/**
 * The pages' initial chunks. Not the page's check worker (src/web/startCheckWorker.ts): split into the shared
 * chunks it would load React and Fluent UI with its reader and core; it stays one self-contained file.
 */
function pageInitial(chunk) {
  return chunk.canBeInitial() && chunk.name !== 'check-worker';
}

function ensureSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}

/** The production manifest: every development URL replaced by the production address (as the Office templates do). */
function manifestForProduction(xml, prodUrl = urlProd) {
  return String(xml).split(urlDev).join(ensureSlash(prodUrl));
}

/**
 * Guards the task pane's initial bundle: ExcelJS/docx must stay in async chunks (error), and the initial JS
 * should stay within 200 KB gzipped (warning). Writes dist/bundle-report.json with the figures.
 */
class InitialBundleGuardPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('InitialBundleGuardPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'InitialBundleGuardPlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const report = {};
          for (const [name, entry] of compilation.entrypoints) {
            const files = entry.chunks.flatMap((c) => [...c.files]).filter((f) => f.endsWith('.js'));
            let gzip = 0;
            let raw = 0;
            for (const f of files) {
              const src = compilation.getAsset(f).source.buffer();
              raw += src.length;
              gzip += zlib.gzipSync(src, { level: 9 }).length;
            }
            const heavy = new Set();
            for (const chunk of entry.chunks) {
              for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
                const res = String(m.resource || (m.rootModule && m.rootModule.resource) || '');
                const hit = /node_modules[\\/](exceljs|docx)[\\/]/.exec(res);
                if (hit) heavy.add(hit[1]);
              }
            }
            report[name] = { files, raw, gzip, heavyModules: [...heavy] };
            if (name === 'taskpane') {
              if (heavy.size) {
                compilation.errors.push(
                  new compiler.webpack.WebpackError(
                    `taskpane: ${[...heavy].join(', ')} must not be in the initial bundle — load it with import().`,
                  ),
                );
              }
              if (compiler.options.mode === 'production' && gzip > TASKPANE_INITIAL_GZIP_BUDGET) {
                compilation.warnings.push(
                  new compiler.webpack.WebpackError(
                    `taskpane: initial JS is ${(gzip / 1024).toFixed(1)} KB gzipped (budget ${TASKPANE_INITIAL_GZIP_BUDGET / 1024} KB).`,
                  ),
                );
              }
            }
          }
          compilation.emitAsset(
            'bundle-report.json',
            new compiler.webpack.sources.RawSource(JSON.stringify(report, null, 2)),
          );
        },
      );
    });
  }
}

module.exports = async (env = {}, options = {}) => {
  const mode = options.mode || 'production';
  const dev = mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const officeJsLocal = Boolean(process.env.OFFICE_JS_LOCAL);
  const officeJsSrc = officeJsLocal ? 'office-js/office.js' : OFFICE_JS_CDN;

  const config = {
    mode,
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/taskpane.tsx',
      web: './src/web/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      // Relative public path: dist/index.html works from file:// and from any sub-folder of a web server.
      publicPath: '',
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              // ES modules for webpack: with CommonJS, import() would become require() and nothing would split.
              compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: true },
            },
          },
        },
        { test: /\.(png|jpe?g|gif|svg|woff2?)$/i, type: 'asset/resource' },
        { test: /\.xlsx$/i, type: 'asset/resource' },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // The heavy file libraries: one async chunk each, loaded on first use.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'async', priority: 30, enforce: true },
          docx: { test: /[\\/]node_modules[\\/]docx[\\/]/, name: 'docx', chunks: 'async', priority: 30, enforce: true },
          // The host-neutral core shared by both pages.
          core: { test: /[\\/]src[\\/]core[\\/]/, name: 'core', chunks: pageInitial, minChunks: 2, priority: 20 },
          // React + Fluent UI shared by both pages, cached once.
          vendor: { test: /[\\/]node_modules[\\/]/, name: 'vendor', chunks: pageInitial, priority: 10, reuseExistingChunk: true },
        },
      },
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        templateParameters: { officeJs: officeJsSrc },
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/web/index.html',
        chunks: ['web'],
        scriptLoading: 'defer',
      }),
      new InitialBundleGuardPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          // The standalone page opens the bundled sample with one click, from the same origin (no network).
          { from: 'assets/samples/*.xlsx', to: 'samples/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              return dev ? content : manifestForProduction(content);
            },
          },
          ...(officeJsLocal ? [{ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js' }] : []),
        ],
      }),
    ],
    performance: { hints: false }, // the guard above reports gzipped sizes, which is what the budget is about
  };

  if (serving) {
    // Only when serving: office-addin-dev-certs creates/installs a localhost certificate (not needed to build).
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      port: 3000,
      hot: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await devCerts.getHttpsServerOptions() },
      static: false, // everything is served from the in-memory build (a stale dist/ must not shadow it)
    };
  }
  return config;
};

module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
module.exports.manifestForProduction = manifestForProduction;

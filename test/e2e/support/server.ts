/** The browser tests serve dist/ with the project's one static server (scripts/serve.js). */
import * as path from 'path';

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Every path requested, in order (to tell what the page fetched). */
  requested: string[];
  close(): Promise<void>;
}

const { serve } = require(path.join(__dirname, '..', '..', '..', 'scripts', 'serve.js')) as {
  serve(dir: string, port?: number): Promise<StaticServer>;
};

export function serveStatic(root: string): Promise<StaticServer> {
  return serve(root, 0);
}

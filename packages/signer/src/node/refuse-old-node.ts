// Imported first by every entry point (the bot's main, the sigv4 bin, pnpm local and pnpm demo): ES modules run their
// imports in order, so this exits with a clear message before undici, which crashes on Node 20, is loaded.
import { unsupportedNodeMessage } from "./supported-node.js";

const message = unsupportedNodeMessage(process.versions.node);
if (message !== undefined) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

#!/usr/bin/env node
// The `sigv4` bin. `node --import tsx` would resolve tsx from the current directory, so the CLI would fail when
// run from outside the repository; importing tsx's API here resolves it from this package instead.
import { register } from "tsx/esm/api";

register();
// First, so that an old Node gets a message naming the version needed instead of a crash inside undici.
await import("../src/node/refuse-old-node.ts");
await import("../src/cli/sigv4.ts");

#!/usr/bin/env node
// The `stepcord-smoke` bin; tsx is resolved from this package, so it runs from any directory.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/smoke.ts");

// Signs the same request with @stepcord/signer, raw aws4 and @smithy/signature-v4 in one run and prints ops/s and
// the ratios. Run from the repository root: node --import tsx bench/signer.ts [iterations]
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { sign } from "@stepcord/signer";

// bench/ has no @types/aws4; this is the one function used.
const aws4 = createRequire(import.meta.url)("aws4") as {
  sign(request: object, credentials: object): unknown;
};

const iterations = Number(process.argv[2] ?? 20_000);
const rounds = 3;
const credentials = {
  accessKeyId: "AKIDBENCH",
  secretAccessKey: "bench/secret",
  sessionToken: "bench-token",
};
const host = "abc123defg.execute-api.eu-west-1.amazonaws.com";
const path = "/prod/events?source=bench&n=1";
const body = JSON.stringify({ type: "voice.join", payload: "x".repeat(1000) });
const headers = { "content-type": "application/json" };
const now = new Date("2026-01-01T00:00:00Z");
const smithy = new SignatureV4({
  credentials,
  region: "eu-west-1",
  service: "execute-api",
  sha256: Sha256,
  applyChecksum: false,
});

const candidates: Record<string, () => unknown> = {
  "@stepcord/signer sign": () =>
    sign({ request: { method: "POST", url: `https://${host}${path}`, headers, body }, credentials, now }),
  "aws4.sign (raw)": () =>
    aws4.sign(
      {
        host,
        path,
        method: "POST",
        headers: { ...headers },
        body,
        service: "execute-api",
        region: "eu-west-1",
      },
      credentials,
    ),
  "@smithy/signature-v4": () =>
    smithy.sign(
      new HttpRequest({
        method: "POST",
        protocol: "https:",
        hostname: host,
        path: "/prod/events",
        query: { source: "bench", n: "1" },
        headers: { ...headers, host },
        body,
      }),
      { signingDate: now },
    ),
};

async function measure(run: () => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return iterations / ((performance.now() - start) / 1000);
}

const best: Record<string, number> = {};
for (const run of Object.values(candidates)) for (let i = 0; i < 1000; i++) await run(); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(candidates))
    best[name] = Math.max(best[name] ?? 0, await measure(run));
}

const ours = best["@stepcord/signer sign"] ?? 0;
console.log(
  `SigV4 signing, ${iterations} iterations x ${rounds} rounds (best round), 1 KB JSON POST with a session token`,
);
for (const [name, opsPerSecond] of Object.entries(best)) {
  const ratio = ours / opsPerSecond;
  console.log(
    `${name.padEnd(24)} ${Math.round(opsPerSecond).toString().padStart(8)} ops/s   ours/this = ${ratio.toFixed(2)}`,
  );
}

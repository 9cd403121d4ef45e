// Signs the same request with @stepcord/signer, raw aws4 and @smithy/signature-v4 in one run and prints ops/s and
// the ratios; then verifies it with @stepcord/signer's verify against the check a by-hand verifier makes (parse the
// Authorization header, re-sign the request with aws4 at its X-Amz-Date, compare in constant time), which checks
// neither scope, skew, signed-header rules nor the session token. Run: node --import tsx bench/signer.ts [iterations]

import { timingSafeEqual } from "node:crypto";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { sign, verify } from "@stepcord/signer";

// bench/ has no @types/aws4; this is the one function used.
const aws4 = createRequire(import.meta.url)("aws4") as {
  sign(request: object, credentials: object): unknown;
  RequestSigner: new (request: object, credentials: object) => { datetime: string; signature(): string };
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

// --- verification -----------------------------------------------------------------------------------------------
const signedOnce = sign({
  request: { method: "POST", url: `https://${host}${path}`, headers, body },
  credentials,
  now,
});
const received = {
  method: "POST",
  url: path,
  headers: signedOnce.headers,
  body,
};
const lookup = async (id: string) => (id === credentials.accessKeyId ? credentials : undefined);

/** The peer: what a hand-written verifier does (the seed's Go proxy did about this much). */
function byHandVerify(): boolean {
  const authorization = received.headers.authorization ?? "";
  const given = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? "";
  const date = received.headers["x-amz-date"] ?? "";
  // aws4.sign would take the scope date from the clock, not from X-Amz-Date: set the signer's datetime instead.
  const signer = new aws4.RequestSigner(
    {
      host,
      path,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-amz-date": date,
        "x-amz-security-token": credentials.sessionToken,
      },
      body,
      service: "execute-api",
      region: "eu-west-1",
      doNotModifyHeaders: true,
    },
    credentials,
  );
  signer.datetime = date;
  const expected = signer.signature();
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
if (!byHandVerify())
  throw new Error("bench: the by-hand verifier does not accept the request; fix the bench");

const verifiers: Record<string, () => unknown> = {
  "@stepcord/signer verify": () =>
    verify(received, { lookup, now, region: "eu-west-1", service: "execute-api" }),
  "by-hand aws4 re-sign": () => byHandVerify(),
};
const bestVerify: Record<string, number> = {};
for (const run of Object.values(verifiers)) for (let i = 0; i < 1000; i++) await run();
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(verifiers))
    bestVerify[name] = Math.max(bestVerify[name] ?? 0, await measure(run));
}
const oursVerify = bestVerify["@stepcord/signer verify"] ?? 0;
console.log(`\nSigV4 verification, same request, ${iterations} iterations x ${rounds} rounds (best round)`);
for (const [name, opsPerSecond] of Object.entries(bestVerify)) {
  console.log(
    `${name.padEnd(24)} ${Math.round(opsPerSecond).toString().padStart(8)} ops/s   ours/this = ${(oursVerify / opsPerSecond).toFixed(2)}`,
  );
}
console.log(
  `verify/sign (ours): ${(oursVerify / ours).toFixed(2)} (goal ≥ 0.80: ${oursVerify / ours >= 0.8 ? "met" : "not met"})`,
);

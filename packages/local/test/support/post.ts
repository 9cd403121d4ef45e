import type { Credentials } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import type { LocalIdentity, LocalStack } from "../../src/index.js";

export const credentialsOf = (identity: LocalIdentity): Credentials => ({
  accessKeyId: identity.accessKeyId,
  secretAccessKey: identity.secretAccessKey,
  ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
});

/** POSTs a body to a local API signed like the bot signs (explicit region/service: the host is 127.0.0.1). */
export async function postSigned(url: string, body: unknown, identity: LocalIdentity, stack: LocalStack) {
  const response = await signedRequest(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    credentials: credentialsOf(identity),
    region: stack.region,
    service: "execute-api",
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

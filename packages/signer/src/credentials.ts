import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { readClock } from "./amz-date.js";
import { CredentialsError } from "./credentials-error.js";
import type { Clock, Credentials, CredentialsProvider } from "./types.js";

/** A provider that always returns the same credentials (a copy, so callers cannot change them). */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const frozen = Object.freeze({ ...credentials });
  return async () => frozen;
}

export interface MemoizeOptions {
  /** Refresh this long before `expiration`. @default DEFAULT_REFRESH_BEFORE_MS (5 minutes) */
  readonly refreshBeforeMs?: number | undefined;
  readonly now?: Clock | undefined;
}

/** Credentials are refreshed this long before they expire unless `refreshBeforeMs` says otherwise: 5 minutes. */
export const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Caches a provider's credentials until `refreshBeforeMs` before they expire (credentials without expiration are
 * kept forever). Concurrent callers share one in-flight fetch; a failed fetch is not cached.
 */
export function memoizeCredentials(
  provider: CredentialsProvider,
  options: MemoizeOptions = {},
): CredentialsProvider {
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  let cached: Credentials | undefined;
  let inFlight: Promise<Credentials> | undefined;
  const fresh = (credentials: Credentials) =>
    credentials.expiration === undefined ||
    credentials.expiration.getTime() - refreshBeforeMs > readClock(options.now).getTime();
  return () => {
    if (cached !== undefined && fresh(cached)) return Promise.resolve(cached);
    inFlight ??= provider().then(
      (credentials) => {
        cached = credentials;
        inFlight = undefined;
        return credentials;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
}

/** The AWS SDK's default Node chain (env, SSO, ini profiles, web identity, ECS, IMDS), memoized and refreshed early. */
export function defaultCredentials(
  options: MemoizeOptions & { readonly profile?: string | undefined } = {},
): CredentialsProvider {
  const chain = fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile });
  return memoizeCredentials(async () => {
    let identity: Awaited<ReturnType<typeof chain>>;
    try {
      identity = await chain();
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/\.$/, "") : String(error);
      throw new CredentialsError(reason, options.profile ?? process.env.AWS_PROFILE, { cause: error });
    }
    return {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      sessionToken: identity.sessionToken,
      expiration: identity.expiration,
    };
  }, options);
}

/** Accepts credentials or a provider. */
export async function resolveCredentials(
  credentials: Credentials | CredentialsProvider,
): Promise<Credentials> {
  return typeof credentials === "function" ? credentials() : credentials;
}

/** AWS credentials used to sign or to verify a request. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** When temporary credentials stop working; memoized providers refresh before this. */
  readonly expiration?: Date | undefined;
}

/** Returns current credentials; called before every signature. */
export type CredentialsProvider = () => Promise<Credentials>;

/** A request body that can be buffered and hashed once: streams are refused. */
export type SignableBody = string | Uint8Array | null | undefined;

/** A clock: a fixed instant or a function returning the current instant. */
export type Clock = Date | (() => Date);

/** The request to sign. `url` must be absolute (`https://host/path?query`). */
export interface RequestToSign {
  readonly method: string;
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: SignableBody | unknown;
}

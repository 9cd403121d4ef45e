import * as pulumi from "@pulumi/pulumi";

type IsConfigSecret = (key: string) => boolean;

/**
 * Whether the stack stores config key `key` (`stepcord:servers`) encrypted. The engine sends the list of such keys
 * with every run: `Map.SecureKeys()` names a top-level key when its value, or any value nested in it, is `secure`
 * (pulumi/pulumi sdk/go/common/resource/config/map.go, and map_test.go TestDecrypt for a secure value inside an
 * object); the Node language host puts that list in `PULUMI_CONFIG_SECRET_KEYS` (sdk/nodejs/cmd/pulumi-language-nodejs
 * /main.go, constructConfigSecretKeys) and `pulumi.runtime.isConfigSecret` looks the key up there
 * (sdk/nodejs/runtime/config.ts). The SDK marks that function `@internal`, so it is not in the typings; it is
 * exported at run time, and a test holds that.
 */
export function isConfigSecret(key: string): boolean {
  const lookup = (pulumi.runtime as unknown as { isConfigSecret?: IsConfigSecret }).isConfigSecret;
  if (typeof lookup !== "function") {
    throw new TypeError(
      "@pulumi/pulumi no longer exports runtime.isConfigSecret; stepcord cannot tell whether a webhook URL in the " +
        "stack's config is encrypted. Pin @pulumi/pulumi to the catalog's version, or replace this check.",
    );
  }
  return lookup(key);
}

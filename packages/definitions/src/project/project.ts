/**
 * Facts about stepcord itself that more than one Pulumi program needs: the version it reports to Discord, the
 * repository it names in its User-Agent, and the project names its stacks live under.
 */

/** The version stepcord reports to Discord in its User-Agent (`DiscordBot (<repo url>, <version>)`). */
export const STEPCORD_VERSION = "0.1.0";

/** The upstream repository; a fork sets `stepcord:repoUrl` to its own. */
export const DEFAULT_REPO_URL = "https://github.com/stepcord/stepcord";

/** The Pulumi project names (each program's Pulumi.yaml `name:`), which stack references are built from. */
export const PULUMI_PROJECTS = {
  infra: "stepcord",
  bot: "stepcord-bot",
  github: "stepcord-github",
} as const;

/**
 * A fully qualified stack name, `<organization>/<project>/<stack>`. The organization is the current one
 * (`pulumi.getOrganization()`): a Pulumi Cloud org, or the literal `organization` that self-managed (DIY) backends
 * report (pulumi/pulumi#11390), so the same default works on both.
 */
export function qualifiedStackName(parts: { organization: string; project: string; stack: string }): string {
  for (const [key, value] of Object.entries(parts)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(value)) {
      throw new TypeError(
        `Invalid ${key} ${JSON.stringify(value)}. Must be a Pulumi ${key} name (letters, digits, _ . -).`,
      );
    }
  }
  return `${parts.organization}/${parts.project}/${parts.stack}`;
}

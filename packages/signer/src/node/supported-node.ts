/** The oldest Node major the project runs on: aws-local-stepfunctions and undici 8 need 22 (docs/decisions/0001). */
export const MIN_NODE_MAJOR = 22;
export const RECOMMENDED_NODE_MAJOR = 24;

/**
 * Says why `version` (as in process.versions.node, "20.20.2") cannot run stepcord, or undefined when it can. On an
 * older Node, undici dies at import with "Cannot read properties of undefined (reading 'bind')", which names neither
 * Node nor the fix; this message names both.
 */
export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return undefined;
  return `stepcord needs Node ${MIN_NODE_MAJOR} or newer (${RECOMMENDED_NODE_MAJOR} LTS recommended); you have v${version.replace(/^v/, "")}. Run the command through \`bash .ci/env\` (for example \`bash .ci/env pnpm local\`), which installs Node ${RECOMMENDED_NODE_MAJOR} into ~/.local.`;
}

/**
 * Discord asks every API client to identify as `DiscordBot ($url, $versionNumber)`; requests with other
 * user agents can be blocked by its edge. See https://discord.com/developers/docs/reference#user-agent.
 */
export function discordUserAgent(repoUrl: string, version: string): string {
  if (!/^https?:\/\/\S+$/.test(repoUrl)) {
    throw new TypeError(`Invalid repoUrl ${JSON.stringify(repoUrl)}. Must be an http(s) URL of the project.`);
  }
  if (!/^\S+$/.test(version)) {
    throw new TypeError(
      `Invalid version ${JSON.stringify(version)}. Must be a version without spaces, e.g. 0.1.0.`,
    );
  }
  return `DiscordBot (${repoUrl}, ${version})`;
}

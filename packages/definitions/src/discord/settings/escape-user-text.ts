/** How much of a member's text an answer repeats; enough to recognise it, too little to abuse. */
export const ECHO_MAX_CHARACTERS = 40;

/**
 * Makes a member's text safe to repeat in a message: control characters become spaces, it is cut to
 * ECHO_MAX_CHARACTERS code points, and every character Discord's markdown or mention syntax gives a meaning
 * (`\ * _ ~ ` | > # - [ ] ( ) < @ :` and the slash of masked links) is backslash-escaped, so it shows as typed.
 * The answers also carry `allowed_mentions: { parse: [] }` (message.mdx, "Allowed Mentions Object"), so even an
 * escape Discord did not honour could not ping anyone.
 */
export function escapeUserText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is replaced
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ");
  const chars = [...flat];
  const cut = chars.length > ECHO_MAX_CHARACTERS ? `${chars.slice(0, ECHO_MAX_CHARACTERS).join("")}…` : flat;
  return cut.replace(/[\\`*_~|>#\-[\]()<@:/]/g, (c) => `\\${c}`);
}

/** Zones Intl does not list (Intl.supportedValuesOf("timeZone") omits UTC in Node 24) but every admin may type. */
const ALWAYS = ["UTC"] as const;
// Area/Location[/More]: the IANA shape; keeps offsets ("+09:00") and abbreviations ("JST") out.
const IANA_SHAPE = /^[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+$/;

/** The zones the runtime knows, as `Intl.supportedValuesOf("timeZone")` lists them, plus UTC. */
export function knownTimeZones(): readonly string[] {
  return [...ALWAYS, ...Intl.supportedValuesOf("timeZone")];
}

/**
 * The canonical spelling of an IANA zone the runtime supports, or undefined. Checked against the list first
 * (case-insensitively: "asia/tokyo" is Asia/Tokyo); an IANA alias the list leaves out but Intl still resolves
 * (Node 24 lists Asia/Calcutta, not Asia/Kolkata) is accepted as typed.
 */
export function resolveTimeZone(
  text: string,
  zones: readonly string[] = knownTimeZones(),
): string | undefined {
  const wanted = text.trim();
  const listed = zones.find((z) => z.toLowerCase() === wanted.toLowerCase());
  if (listed) return listed;
  if (!IANA_SHAPE.test(wanted)) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: wanted });
    return wanted;
  } catch {
    return undefined;
  }
}

/** receiving-and-responding.mdx, "Autocomplete": "autocomplete choices (max of 25 choices)". */
export const MAX_AUTOCOMPLETE_CHOICES = 25;

/**
 * Up to 25 zones for what the admin has typed so far: zones whose name starts with it (or whose city does) first,
 * then zones that merely contain it, each group in list order. An empty query offers UTC and the list's start.
 */
export function timeZoneSuggestions(query: string, zones: readonly string[] = knownTimeZones()): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, "_");
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of zones) {
    const z = zone.toLowerCase();
    if (z.startsWith(q) || z.split("/").some((part) => part.startsWith(q))) starts.push(zone);
    else if (z.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, MAX_AUTOCOMPLETE_CHOICES);
}

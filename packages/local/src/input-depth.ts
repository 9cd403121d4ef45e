/**
 * How deep a JSON value nests, measured without recursion so that measuring a nesting attack cannot itself overflow
 * the stack. Scalars are depth 0; `[]` and `{}` are 1.
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== "object" || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > deepest) deepest = depth;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth });
  }
  return deepest;
}

/**
 * The deepest input the local runner hands to aws-local-stepfunctions. The library walks values recursively and
 * overflows the stack somewhere between 1,000 and 10,000 levels (measured), which would surface as the engine's
 * `RangeError` instead of a failure stepcord names. No voice event batch nests more than a handful of levels.
 */
export const MAX_LOCAL_INPUT_DEPTH = 512;

/** The error a too-deep execution input fails with, named like stepcord's other workflow errors. */
export const INPUT_TOO_DEEP_ERROR = "Stepcord.InputTooDeep";

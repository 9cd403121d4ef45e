/**
 * Step Functions' cap on an execution's input: 262,144 bytes of UTF-8 (StartExecution's `input`, "Length
 * constraints apply to the payload size, and are expressed as bytes in UTF-8 encoding", maximum length 262144 in
 * the Step Functions API reference; 256 KiB in the service quotas).
 */
export const MAX_EXECUTION_INPUT_BYTES = 262_144;

/**
 * StartExecution's answer to an input over the cap, in AWS's validation format: HTTP 400, `ValidationException`,
 * "1 validation error detected: Value at 'input' failed to satisfy constraint: ...". Undefined when the input fits.
 */
export function inputTooLarge(input: string): { type: "ValidationException"; message: string } | undefined {
  if (Buffer.byteLength(input, "utf8") <= MAX_EXECUTION_INPUT_BYTES) return undefined;
  return {
    type: "ValidationException",
    message:
      "1 validation error detected: Value at 'input' failed to satisfy constraint: " +
      `Member must have length less than or equal to ${MAX_EXECUTION_INPUT_BYTES}`,
  };
}

export type FakeGatewayErrorCode = "NOT_CONNECTED" | "UNKNOWN_GUILD";

/** A misuse of the fake gateway by a test. */
export class FakeGatewayError extends Error {
  readonly code: FakeGatewayErrorCode;
  constructor(code: FakeGatewayErrorCode, message: string) {
    super(message);
    this.name = "FakeGatewayError";
    this.code = code;
  }
}

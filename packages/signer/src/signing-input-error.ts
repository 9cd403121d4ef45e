/** The request given to sign cannot be signed as it is (bad URL, streamed body, ...). */
export class SigningInputError extends Error {
  override readonly name = "SigningInputError";
  readonly code = "STEPCORD_SIGNING_INPUT";
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

import { createRequire } from "node:module";
import { getLanguageService } from "amazon-states-language-service";
import { TextDocument } from "vscode-languageserver-textdocument";

const require = createRequire(import.meta.url);
// asl-validator is CommonJS with a default-style export.
const aslValidator = require("asl-validator") as (definition: unknown) => {
  isValid: boolean;
  errorsText: () => string;
};

/** asl-validator: the JSON schema of the States Language plus JSONPath syntax. */
export function aslValidatorProblems(definition: unknown): string[] {
  const result = aslValidator(definition);
  return result.isValid ? [] : [result.errorsText()];
}

/** AWS's own language service (the one in the VS Code toolkit): reference checks, unreachable states, and more. */
export async function languageServiceProblems(definition: unknown): Promise<string[]> {
  const service = getLanguageService({});
  const document = TextDocument.create(
    "file:///notifier.asl.json",
    "json",
    1,
    JSON.stringify(definition, null, 2),
  );
  const json = service.parseJSONDocument(document);
  const diagnostics = await service.doValidation(document, json);
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}

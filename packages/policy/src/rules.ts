import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { findWildcardAllows, type PolicyDocument } from "@stepcord/definitions";

const ROUTE = "aws:apigatewayv2/route:Route";
const STAGE = "aws:apigatewayv2/stage:Stage";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const POLICY_PROPS = ["policy", "assumeRolePolicy"];
const WEBHOOK_URL = /https?:\/\/(?:[a-z]+\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\//i;
/** What an unset value turns into inside a template literal. */
// No word boundary around "undefined": CDK's broken ARN glues it to the method (`.../$default/POSTundefined`).
const POISON = /undefined|\[object Object\]|\bNaN\b/;

/** Every string anywhere inside a value, with its path. */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  }
  return [];
}

type Rule = (args: ResourceValidationArgs, report: ReportViolation) => void;

const routesUseAwsIam: Rule = ({ type, props }, report) => {
  if (type !== ROUTE) return;
  if (props.authorizationType !== "AWS_IAM") {
    report(
      `Route ${props.routeKey} uses authorizationType ${props.authorizationType ?? "NONE"}; stepcord's APIs only ` +
        'accept SigV4-signed calls. Set authorizationType: "AWS_IAM".',
    );
  }
};

const noWildcardAllow: Rule = ({ props }, report) => {
  for (const key of POLICY_PROPS) {
    const text = props[key];
    if (typeof text !== "string" || !text.includes("Statement")) continue;
    for (const finding of findWildcardAllows(JSON.parse(text) as PolicyDocument)) {
      report(
        `${key}, statement ${finding.statementIndex}: ${finding.reason}. Grant the exact ARN ` +
          "(build execute-api ARNs with executeApiArn from @stepcord/definitions).",
      );
    }
  }
};

const noUndefinedInArns: Rule = ({ props }, report) => {
  for (const [path, text] of strings(props, "")) {
    if (POISON.test(text)) {
      report(
        `${path} contains "${POISON.exec(text)?.[0]}": a value was unset when it was built (aws/aws-cdk#17464).`,
      );
    }
  }
};

const webhookUrlOnlyInProxy: Rule = ({ type, props }, report) => {
  for (const [path, text] of strings(props, "")) {
    if (!WEBHOOK_URL.test(text)) continue;
    if (type === INTEGRATION && path === "integrationUri") continue;
    report(
      `${path} carries the Discord webhook URL (its token is a secret). Only the webhook proxy's integrationUri ` +
        "may hold it; read it with config.requireSecret and pass it to WebhookProxy.",
    );
  }
};

const stagesThrottledAndLogged: Rule = ({ type, props }, report) => {
  if (type !== STAGE) return;
  const settings = props.defaultRouteSettings ?? {};
  if (!(settings.throttlingRateLimit > 0 && settings.throttlingBurstLimit > 0)) {
    report(
      "The stage is not throttled; set defaultRouteSettings.throttlingRateLimit and throttlingBurstLimit.",
    );
  }
  if (!props.accessLogSettings?.destinationArn) {
    report("The stage writes no access log; set accessLogSettings with a log group and ACCESS_LOG_FORMAT.");
  }
};

const stateMachineLogsErrors: Rule = ({ type, props }, report) => {
  if (type !== STATE_MACHINE) return;
  const level = props.loggingConfiguration?.level;
  if (level === undefined || level === "OFF") {
    report(
      "The state machine logs nothing; Express workflows keep no history, so failures would vanish. Log at ERROR.",
    );
  }
};

const stateMachineLogsNoData: Rule = ({ type, props }, report) => {
  if (type !== STATE_MACHINE) return;
  if (props.loggingConfiguration?.includeExecutionData === true) {
    report(
      "Execution data is logged: member ids and session lengths will be in CloudWatch Logs (stepcord:logExecutionData).",
    );
  }
};

function policy(
  name: string,
  description: string,
  rule: Rule,
  enforcementLevel: "mandatory" | "advisory" = "mandatory",
): ResourceValidationPolicy {
  return { name, description, enforcementLevel, validateResource: rule };
}

/** stepcord's rules, checked on every `pulumi preview --policy-pack packages/policy`. */
export const STEPCORD_POLICIES: ResourceValidationPolicy[] = [
  policy("routes-use-aws-iam", "Every API route requires SigV4 (AWS_IAM).", routesUseAwsIam),
  policy(
    "no-wildcard-allow",
    "No IAM Allow grants * actions or * resources that could be scoped.",
    noWildcardAllow,
  ),
  policy("no-undefined-in-inputs", "No input contains undefined, NaN or [object Object].", noUndefinedInArns),
  policy(
    "webhook-url-only-in-proxy",
    "The Discord webhook URL appears only in the proxy integration.",
    webhookUrlOnlyInProxy,
  ),
  policy(
    "stages-throttled-and-logged",
    "API stages are throttled and access-logged.",
    stagesThrottledAndLogged,
  ),
  policy("state-machine-logs-errors", "The workflow logs at least its errors.", stateMachineLogsErrors),
  policy(
    "state-machine-logs-no-execution-data",
    "The workflow's logs carry no execution data.",
    stateMachineLogsNoData,
    "advisory",
  ),
];

/**
 * The API stages' access log line: who called which route and how it went. No request or response bodies and no
 * headers, so names from events and the webhook URL never reach the logs. `$context.identity.userArn` says which
 * IAM principal signed the call, which is what you need when a bot's key leaks.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  apiId: "$context.apiId",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  caller: "$context.identity.userArn",
  sourceIp: "$context.identity.sourceIp",
  integrationStatus: "$context.integration.status",
  integrationError: "$context.integration.error",
  integrationLatency: "$context.integration.latency",
  responseLength: "$context.responseLength",
});

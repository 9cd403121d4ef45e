import { readFileSync } from "node:fs";
import { expect } from "chai";
import { alarmSpecs, dashboardBody } from "../src/index.js";
import { type MockedProgram, runProgram } from "./harness/program.js";

const ids = {
  stateMachineArn: "arn:sm",
  eventsApiId: "ev",
  webhookApiId: "wh",
  customNamespace: "Stepcord",
  workflowType: "STANDARD",
} as const;
const express = { ...ids, workflowType: "EXPRESS", settingsStateMachineArn: "arn:settings" } as const;

describe("monitoring", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("alarms on failed executions, throttled transitions, refused starts, API 5xx, a 4xx spike, a gone webhook and Discord's 429s", () => {
    expect(alarmSpecs(ids).map((a) => `${a.key}: ${a.namespace}/${a.metricName}`)).to.deep.equal([
      "workflow-failed: AWS/States/ExecutionsFailed",
      "workflow-transitions-throttled: AWS/States/ExecutionThrottled",
      "start-executions-throttled: AWS/States/ThrottledEvents",
      "events-5xx: AWS/ApiGateway/5xx",
      "events-4xx-spike: AWS/ApiGateway/4xx",
      "webhook-5xx: AWS/ApiGateway/5xx",
      "webhook-gone: Stepcord/WebhookGone",
      "webhook-429: Stepcord/WebhookThrottled",
    ]);
  });

  // Step Functions' metric reference: ExecutionThrottled is "the number of StateEntered events and retries that have
  // been throttled"; a refused StartExecution is ThrottledEvents with the APIName dimension.
  it("says ExecutionThrottled counts throttled state transitions, not refused starts", () => {
    const transitions = alarmSpecs(ids).find((a) => a.metricName === "ExecutionThrottled");
    expect(transitions?.key).to.equal("workflow-transitions-throttled");
    expect(transitions?.description).to.include("state transitions").and.include("not refused");
    expect(transitions?.dimensions).to.deep.equal({ StateMachineArn: "arn:sm" });
  });

  it("counts refused StartExecution calls with ThrottledEvents for the StartExecution API on a STANDARD stack", () => {
    const starts = alarmSpecs(ids).find((a) => a.key === "start-executions-throttled");
    expect(starts).to.include({
      namespace: "AWS/States",
      metricName: "ThrottledEvents",
      statistic: "Sum",
      threshold: 1,
    });
    expect(starts?.dimensions).to.deep.equal({ APIName: "StartExecution" });
    expect(starts?.description).to.include("StartExecution").and.include("this account and region");
  });

  // An EXPRESS stack's events API calls StartSyncExecution, never StartExecution, so StartExecution's ThrottledEvents
  // would count only other workloads' refusals. The developer guide's API metrics (procedure-cw-metrics.md) name the
  // APIName dimension without listing its values, and its quotas page throttles StartExecution only, adding that
  // "Synchronous Express execution API calls do not contribute to the existing account capacity limits".
  it("watches no StartExecution metric on an EXPRESS stack, which never calls StartExecution", () => {
    const specs = alarmSpecs(express);
    expect(specs.map((a) => a.key)).to.not.include("start-executions-throttled");
    for (const spec of specs)
      expect(spec.dimensions, spec.key).to.not.deep.include({ APIName: "StartExecution" });
    expect(dashboardBody({ ...express, region: "eu-west-1" })).to.not.include("StartExecution");
  });

  it("says on an EXPRESS stack that a refused StartSyncExecution shows as the events API's error answers", () => {
    const specs = alarmSpecs(express);
    expect(specs.find((a) => a.key === "events-5xx")?.description).to.include("StartSyncExecution");
    expect(specs.find((a) => a.key === "events-4xx-spike")?.description).to.include("StartSyncExecution");
  });

  // The ASL (packages/definitions notifier-definition.ts, postToDiscord): EXPRESS hands a 429 back to the bot as
  // rate-limited; STANDARD retries ApiGateway.429 itself, 5+10+20+40+60 s.
  it("says who handles Discord's 429 per workflow type: the bot on EXPRESS, the workflow on STANDARD", () => {
    const on = (spec: typeof ids | typeof express) =>
      alarmSpecs(spec).find((a) => a.key === "webhook-429")?.description ?? "";
    expect(on(express)).to.include("bot resends").and.not.include("workflow backs off");
    expect(on(ids)).to.include("workflow backs off").and.not.include("bot resends");
  });

  it("says in the webhook-429 runbook row who handles Discord's 429 on each workflow type", () => {
    const runbook = readFileSync(new URL("../../docs/deploy.md", import.meta.url), "utf8");
    const row = runbook.split("\n").find((line) => line.startsWith("| `webhook-429`")) ?? "";
    expect(row).to.include("EXPRESS").and.include("bot resends").and.include("STANDARD");
  });

  it("keeps every description within CloudWatch's 1024 characters and starting with what it measures", () => {
    for (const spec of alarmSpecs(ids)) {
      expect(spec.description.length, spec.key).to.be.at.most(1024);
      expect(spec.description.startsWith(spec.measures), spec.key).to.equal(true);
    }
  });

  it("has a runbook entry in docs/deploy.md for every alarm, naming its metric", () => {
    const runbook = readFileSync(new URL("../../docs/deploy.md", import.meta.url), "utf8");
    for (const spec of [...alarmSpecs(ids), ...alarmSpecs(express)]) {
      const row = runbook.split("\n").find((line) => line.startsWith(`| \`${spec.key}\``));
      expect(row, spec.key).to.be.a("string").and.include(spec.metricName);
    }
  });

  it("declares one alarm per spec of the stack's workflow type (EXPRESS), all notifying the alerts topic", () => {
    const alarms = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((a) => a.name.replace("stepcord-monitoring-", ""))).to.have.members(
      alarmSpecs(express).map((spec) => spec.key),
    );
    const topic = `arn:aws:sns:eu-west-1:123456789012:stepcord-monitoring-alerts`;
    for (const alarm of alarms) expect(alarm.inputs.alarmActions, alarm.name).to.deep.equal([topic]);
    const failed = alarms.find((a) => a.name.endsWith("workflow-failed"));
    expect(failed?.inputs.dimensions).to.deep.equal({ StateMachineArn: program.outputs.stateMachineArn });
  });

  it("alarms once on failed settings executions, on the settings machine, not the notifier", () => {
    const alarm = program.one("aws:cloudwatch/metricAlarm:MetricAlarm", "-settings-failed");
    expect(alarm.inputs).to.include({
      namespace: "AWS/States",
      metricName: "ExecutionsFailed",
      threshold: 1,
    });
    expect(alarm.inputs.dimensions).to.deep.equal({
      StateMachineArn: program.outputs.settingsStateMachineArn,
    });
    expect(alarmSpecs(ids).map((spec) => spec.key)).not.to.include("settings-failed");
  });

  it("counts Discord's 429s from the webhook API's access log", () => {
    const filter = program.one("aws:cloudwatch/logMetricFilter:LogMetricFilter", "-webhook-429");
    expect(filter.inputs.pattern).to.equal('{ $.status = "429" }');
    expect(filter.inputs.logGroupName).to.equal("stepcord-webhook-access-logs");
  });

  it("e-mails alerts and budget warnings when alarmEmail is set", () => {
    const subscription = program.one("aws:sns/topicSubscription:TopicSubscription");
    expect(subscription.inputs).to.include({ protocol: "email", endpoint: "ops@example.org" });
    const budget = program.one("aws:budgets/budget:Budget");
    expect(budget.inputs).to.include({
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: "5.00",
      limitUnit: "USD",
    });
    const notifications = budget.inputs.notifications as {
      notificationType: string;
      subscriberEmailAddresses: string[];
    }[];
    expect(notifications.map((n) => n.notificationType)).to.deep.equal(["ACTUAL", "FORECASTED"]);
    expect(notifications[0]?.subscriberEmailAddresses).to.deep.equal(["ops@example.org"]);
  });

  it("lets only CloudWatch and Budgets of this account publish to the topic", () => {
    const policy = JSON.parse(program.one("aws:sns/topicPolicy:TopicPolicy").inputs.policy as string);
    const services = policy.Statement.find((s: { Sid: string }) => s.Sid === "ServicesPublish");
    expect(services.Principal.Service).to.deep.equal(["cloudwatch.amazonaws.com", "budgets.amazonaws.com"]);
    expect(services.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("draws the pipeline on a dashboard and links it", () => {
    const body = JSON.parse(dashboardBody({ ...ids, region: "eu-west-1" }));
    expect(body.widgets.map((w: { properties: { title: string } }) => w.properties.title)).to.have.length(3);
    expect(program.outputs.dashboardUrl).to.equal(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=stepcord-monitoring-test",
    );
  });
});

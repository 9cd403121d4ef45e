import { readFileSync } from "node:fs";
import { expect } from "chai";
import { alarmSpecs, dashboardBody } from "../src/index.js";
import { type MockedProgram, runProgram } from "./harness/program.js";

const ids = { stateMachineArn: "arn:sm", eventsApiId: "ev", webhookApiId: "wh", customNamespace: "Stepcord" };

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

  it("counts refused StartExecution calls with ThrottledEvents for the StartExecution API", () => {
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

  it("keeps every description within CloudWatch's 1024 characters and starting with what it measures", () => {
    for (const spec of alarmSpecs(ids)) {
      expect(spec.description.length, spec.key).to.be.at.most(1024);
      expect(spec.description.startsWith(spec.measures), spec.key).to.equal(true);
    }
  });

  it("has a runbook entry in docs/deploy.md for every alarm, naming its metric", () => {
    const runbook = readFileSync(new URL("../../docs/deploy.md", import.meta.url), "utf8");
    for (const spec of alarmSpecs(ids)) {
      const row = runbook.split("\n").find((line) => line.startsWith(`| \`${spec.key}\``));
      expect(row, spec.key).to.be.a("string").and.include(spec.metricName);
    }
  });

  it("declares one alarm per spec, all notifying the alerts topic", () => {
    const alarms = program.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms).to.have.length(alarmSpecs(ids).length);
    const topic = `arn:aws:sns:eu-west-1:123456789012:stepcord-monitoring-alerts`;
    for (const alarm of alarms) expect(alarm.inputs.alarmActions, alarm.name).to.deep.equal([topic]);
    const failed = alarms.find((a) => a.name.endsWith("workflow-failed"));
    expect(failed?.inputs.dimensions).to.deep.equal({ StateMachineArn: program.outputs.stateMachineArn });
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

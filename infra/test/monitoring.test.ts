import { expect } from "chai";
import { alarmSpecs, dashboardBody } from "../src/index.js";
import { type MockedProgram, runProgram } from "./harness/program.js";

const ids = { stateMachineArn: "arn:sm", eventsApiId: "ev", webhookApiId: "wh", customNamespace: "Stepcord" };

describe("monitoring", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("alarms on failed and throttled executions, API 5xx, a 4xx spike and Discord's 429s", () => {
    expect(alarmSpecs(ids).map((a) => `${a.namespace}/${a.metricName}`)).to.deep.equal([
      "AWS/States/ExecutionsFailed",
      "AWS/States/ExecutionThrottled",
      "AWS/ApiGateway/5xx",
      "AWS/ApiGateway/4xx",
      "AWS/ApiGateway/5xx",
      "Stepcord/WebhookGone",
      "Stepcord/WebhookThrottled",
    ]);
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

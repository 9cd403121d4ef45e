import { expect } from "chai";
import { type MockedProgram, runProgram } from "./harness/program.js";

const TABLE = "aws:dynamodb/table:Table";

describe("the delivery ledger table", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("is one on-demand table keyed by the string pk", () => {
    const table = program.one(TABLE, "-ledger-table");
    expect(table.inputs).to.deep.include({ billingMode: "PAY_PER_REQUEST", hashKey: "pk" });
    expect(table.inputs.attributes).to.deep.equal([{ name: "pk", type: "S" }]);
  });

  it("expires claims and deliveries by TTL on expiresAt, the attribute the workflow writes", () => {
    expect(program.one(TABLE, "-ledger-table").inputs.ttl).to.deep.equal({
      attributeName: "expiresAt",
      enabled: true,
    });
  });

  it("has point-in-time recovery on, and DynamoDB's always-on encryption at rest with its own key (no KMS)", () => {
    const table = program.one(TABLE, "-ledger-table");
    expect(table.inputs.pointInTimeRecovery).to.deep.equal({ enabled: true });
    expect(table.inputs, "no KMS key to grant or pay for").not.to.have.property("serverSideEncryption");
  });

  it("exports its name, so the circuit can be closed with one aws dynamodb delete-item", () => {
    expect(program.outputs.deliveryLedgerTable).to.equal(
      `${program.one(TABLE, "-ledger-table").name}-1a2b3c4`,
    );
  });

  it("counts parked batches from the workflow's log and alarms on the first, naming the fix", () => {
    const filter = program.one("aws:cloudwatch/logMetricFilter:LogMetricFilter", "-webhook-gone");
    expect(filter.inputs.pattern).to.equal('"Stepcord.WebhookGone"');
    expect(filter.inputs.logGroupName).to.match(/^\/aws\/vendedlogs\/states\//);
    const alarm = program.one("aws:cloudwatch/metricAlarm:MetricAlarm", "-webhook-gone");
    expect(alarm.inputs).to.include({ metricName: "WebhookGone", namespace: "Stepcord", threshold: 1 });
    expect(alarm.inputs.alarmDescription).to.include("pulumi up").and.include("discordWebhookUrl");
  });
});

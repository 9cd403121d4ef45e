import { expect } from "chai";
import { DEFAULTS, InvalidConfigError, loadSettings } from "../src/index.js";

describe("loadSettings", () => {
  it("fills every setting with its documented default", () => {
    expect(loadSettings({})).to.deep.equal({ ...DEFAULTS, invokerUsers: [], invokerRoles: [] });
  });

  it("reads the strings pulumi config holds", () => {
    const settings = loadSettings({
      workflowType: "STANDARD",
      logRetentionDays: "90",
      throttleRatePerSecond: "20",
      logExecutionData: "true",
      invokerMode: "attach",
      invokerRoles: ["ecs-bot-task"],
    });
    expect(settings).to.include({
      workflowType: "STANDARD",
      logRetentionDays: 90,
      throttleRatePerSecond: 20,
      logExecutionData: true,
    });
    expect(settings.invokerRoles).to.deep.equal(["ecs-bot-task"]);
  });

  it("treats an empty string as unset, not as zero", () => {
    expect(loadSettings({ throttleBurst: "", alarmEmail: "" })).to.include({
      throttleBurst: DEFAULTS.throttleBurst,
    });
    expect(loadSettings({ alarmEmail: "" })).not.to.have.property("alarmEmail");
  });

  it("lists every problem at once, each naming its key", () => {
    try {
      loadSettings({
        workflowType: "FAST",
        logRetentionDays: "45",
        alarmEmail: "ops",
        invokerMode: "sometimes",
      });
      expect.fail("loadSettings accepted bad config");
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidConfigError);
      const { problems, message } = error as InvalidConfigError;
      expect(problems.map((p) => p.split(":")[1])).to.have.members([
        "workflowType",
        "logRetentionDays",
        "alarmEmail",
        "invokerMode",
      ]);
      expect(message).to.include("pulumi config set stepcord:<key> <value>");
    }
  });

  it("refuses ARNs where IAM names are expected", () => {
    expect(() =>
      loadSettings({ invokerMode: "attach", invokerRoles: ["arn:aws:iam::123456789012:role/bot"] }),
    ).to.throw(InvalidConfigError, "not an ARN");
  });

  it("accepts a permissions boundary ARN and refuses a bare policy name, pointing at the bootstrap output", () => {
    const arn = "arn:aws:iam::123456789012:policy/stepcord-permissions-boundary";
    expect(loadSettings({ permissionsBoundaryArn: arn }).permissionsBoundaryArn).to.equal(arn);
    expect(() => loadSettings({ permissionsBoundaryArn: "stepcord-permissions-boundary" })).to.throw(
      InvalidConfigError,
      "permissionsBoundaryArn output",
    );
  });

  it("asks for names when the mode attaches", () => {
    expect(() => loadSettings({ invokerMode: "attach" })).to.throw(
      InvalidConfigError,
      "needs invokerUsers or invokerRoles",
    );
  });

  it("refuses names to attach to unless the mode attaches", () => {
    expect(() => loadSettings({ invokerUsers: ["bot"] })).to.throw(
      InvalidConfigError,
      'invokerMode "attach"',
    );
  });
});

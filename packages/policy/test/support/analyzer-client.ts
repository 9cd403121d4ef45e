// The engine's side of the Analyzer gRPC service (proto/pulumi/analyzer.proto), as the CLI drives a policy pack:
// pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go (Analyze marshals the inputs into a Struct and reads the
// diagnostics back) and pkg/engine/update.go:278-324 (GetAnalyzerInfo, then Configure with the reconciled config).
import { credentials, type ServiceError } from "@grpc/grpc-js";
import analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb.js";
import analyzerPb from "@pulumi/pulumi/proto/analyzer_pb.js";
// The catalog pins the google-protobuf @pulumi/pulumi resolves: its generated serializers check `instanceof`.
import emptyPb from "google-protobuf/google/protobuf/empty_pb.js";
import structPb from "google-protobuf/google/protobuf/struct_pb.js";
import type { StackConfiguration } from "./language-host.js";

const LEVELS: Record<number, string> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};

/** One diagnostic from Analyze, with its enforcement level spelled as in @pulumi/policy. */
export interface Diagnostic {
  policyName: string;
  enforcementLevel: string;
  message: string;
}

/** One resource as the engine sends it to Analyze. */
export interface AnalyzedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

function level(value: number): string {
  const name = LEVELS[value];
  if (name === undefined) throw new Error(`Unknown enforcement level ${value} in the analyzer's answer.`);
  return name;
}

/** Settles with a unary call's answer or error. */
function unary<Res>(
  start: (callback: (error: ServiceError | null, response: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((settle, reject) => {
    start((error, response) => (error ? reject(error) : settle(response)));
  });
}

/** Talks to a policy pack on 127.0.0.1:<port> the way the engine (through the language host's proxy) does. */
export class EngineSide {
  readonly #client: analyzerGrpc.AnalyzerClient;

  constructor(port: number) {
    this.#client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, credentials.createInsecure());
  }

  /** The proxy forwards the engine's ConfigureStack first (sdk/policy_proxy.go:151-153). */
  async configureStack(stack: StackConfiguration): Promise<void> {
    const request = new analyzerPb.AnalyzerStackConfigureRequest()
      .setOrganization(stack.organization)
      .setProject(stack.project)
      .setStack(stack.stack)
      .setDryRun(stack.dryRun);
    for (const [key, value] of Object.entries(stack.config)) request.getConfigMap().set(key, value);
    await unary<analyzerPb.AnalyzerStackConfigureResponse>((done) =>
      this.#client.configureStack(request, done),
    );
  }

  /** The pack's name and each policy's enforcement level. */
  async info(): Promise<{ name: string; policies: Map<string, string> }> {
    const info = await unary<analyzerPb.AnalyzerInfo>((done) =>
      this.#client.getAnalyzerInfo(new emptyPb.Empty(), done),
    );
    const policies = new Map(
      info.getPoliciesList().map((p) => [p.getName(), level(p.getEnforcementlevel())]),
    );
    return { name: info.getName(), policies };
  }

  /** Configure with each policy at its own level: what ReconcilePolicyPackConfig yields without a config file. */
  async configureDefaults(policies: Map<string, string>): Promise<void> {
    const request = new analyzerPb.ConfigureAnalyzerRequest();
    const byName = new Map(Object.entries(LEVELS).map(([value, name]) => [name, Number(value)]));
    for (const [policyName, enforcementLevel] of policies) {
      const config = new analyzerPb.PolicyConfig()
        .setEnforcementlevel(byName.get(enforcementLevel) as analyzerPb.EnforcementLevel)
        .setProperties(structPb.Struct.fromJavaScript({}));
      request.getPolicyconfigMap().set(policyName, config);
    }
    await unary<emptyPb.Empty>((done) => this.#client.configure(request, done));
  }

  /** Analyze one resource's inputs, as the engine does before it registers the resource. */
  async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
    // The engine always sends options, with CustomTimeouts set (analyzer_plugin.go:737-764, marshalResourceOptions);
    // @pulumi/policy refuses a request without them as coming from an old CLI (server.js getResourceOptions).
    const options = new analyzerPb.AnalyzerResourceOptions().setCustomtimeouts(
      new analyzerPb.AnalyzerResourceOptions.CustomTimeouts(),
    );
    const request = new analyzerPb.AnalyzeRequest()
      .setType(resource.type)
      .setName(resource.name)
      .setUrn(`urn:pulumi:dev::stepcord::${resource.type}::${resource.name}`)
      .setProperties(
        structPb.Struct.fromJavaScript(resource.inputs as Record<string, structPb.JavaScriptValue>),
      )
      .setOptions(options);
    const response = await unary<analyzerPb.AnalyzeResponse>((done) => this.#client.analyze(request, done));
    return response.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      enforcementLevel: level(d.getEnforcementlevel()),
      message: d.getMessage(),
    }));
  }

  close(): void {
    this.#client.close();
  }
}

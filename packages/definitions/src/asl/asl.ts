/** The slice of the Amazon States Language (JSONPath flavour) the notifier uses. */
export type AslState = { Type: string; Comment?: string } & Record<string, unknown>;

export interface AslDefinition {
  Comment: string;
  QueryLanguage: "JSONPath";
  StartAt: string;
  TimeoutSeconds: number;
  States: Record<string, AslState>;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds: number;
  BackoffRate: number;
  MaxAttempts: number;
  MaxDelaySeconds: number;
  JitterStrategy: "FULL" | "NONE";
}

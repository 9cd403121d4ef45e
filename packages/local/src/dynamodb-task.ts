import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";

export type DynamoDbAction = "putItem" | "getItem" | "updateItem" | "deleteItem";

/** An error named like Step Functions' optimized DynamoDB integration names it, so the ASL's Catch matches. */
export class DynamoDbTaskError extends Error {
  constructor(code: string, cause: string) {
    super(cause);
    this.name = `DynamoDB.${code}`;
  }
}

/** `arn:aws:states:::dynamodb:putItem` → `putItem`. */
export function dynamoDbAction(resource: string): DynamoDbAction {
  const action = resource.split(":").at(-1);
  if (action === "putItem" || action === "getItem" || action === "updateItem" || action === "deleteItem")
    return action;
  throw new TypeError(
    `Unsupported DynamoDB task resource ${resource}; the local stack runs putItem, getItem, updateItem, deleteItem.`,
  );
}

/**
 * The local stand-in for Step Functions' optimized DynamoDB integration: passes the Task's parameters to DynamoDB
 * (dynalite here) as the API's own request, returns the API's response, and fails with `DynamoDB.<error code>` and
 * a cause of the form `<message> (Service: AmazonDynamoDBv2; Status Code: …; Error Code: …; …)`, as recorded
 * against AWS in localstack/localstack tests/aws/services/stepfunctions/v2/services/
 * test_dynamodb_task_service.snapshot.json (state_task_service_dynamodb.py builds it).
 */
export function dynamoDbTaskHandler(
  client: DynamoDBClient,
  action: DynamoDbAction,
  /** Asks the role's policies, as AWS does before the call: false fails the task with AccessDeniedException. */
  allows: (iamAction: string, tableName: string) => boolean,
) {
  return async (input: unknown): Promise<Record<string, unknown>> => {
    const parameters = input as never;
    const tableName = String((input as { TableName?: unknown }).TableName);
    const iamAction = `dynamodb:${action[0]?.toUpperCase()}${action.slice(1)}`;
    if (!allows(iamAction, tableName)) {
      throw new DynamoDbTaskError(
        "AccessDeniedException",
        `User is not authorized to perform: ${iamAction} on resource: table/${tableName} ` +
          "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Proxy: null)",
      );
    }
    try {
      const command =
        action === "putItem"
          ? new PutItemCommand(parameters)
          : action === "getItem"
            ? new GetItemCommand(parameters)
            : action === "updateItem"
              ? new UpdateItemCommand(parameters)
              : new DeleteItemCommand(parameters);
      const answer = (await client.send(command as never)) as unknown as Record<string, unknown>;
      const { $metadata: _metadata, ...response } = answer;
      return response;
    } catch (error) {
      const failure = error as {
        name?: string;
        message?: string;
        $metadata?: { httpStatusCode?: number; requestId?: string };
      };
      const code = failure.name ?? "AmazonDynamoDBException";
      throw new DynamoDbTaskError(
        code,
        `${failure.message ?? code} (Service: AmazonDynamoDBv2; Status Code: ${failure.$metadata?.httpStatusCode ?? 500}; ` +
          `Error Code: ${code}; Request ID: ${failure.$metadata?.requestId ?? "local"}; Proxy: null)`,
      );
    }
  };
}

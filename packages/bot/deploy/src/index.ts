export type { BotServiceArgs } from "./bot-service.js";
export { BotService } from "./bot-service.js";
export type { BotSettings, ContainerInsights, RawBotConfig } from "./config.js";
export {
  CONTAINER_INSIGHTS,
  DEFAULTS,
  FARGATE_SIZES,
  InvalidBotDeployConfigError,
  loadBotSettings,
} from "./config.js";
export type { BotFargateServiceInputs } from "./fargate-service-args.js";
export { botFargateServiceArgs, HEALTH_PORT } from "./fargate-service-args.js";
export { NoPublicSubnetError, requirePublicSubnets } from "./no-public-subnet-error.js";
export type { ZonedSubnet } from "./one-subnet-per-zone.js";
export { oneSubnetPerZone } from "./one-subnet-per-zone.js";
export { outboxMountPolicy } from "./outbox-mount-policy.js";
export {
  OUTBOX_CONTAINER_PATH,
  OUTBOX_POSIX_ID,
  type OutboxAccessPoint,
  OutboxVolume,
} from "./outbox-volume.js";
export { RegionMismatchError, sharedRegion } from "./region-mismatch-error.js";
export {
  ONE_SHARD,
  type ShardPlan,
  type ShardRange,
  shardPlanProblems,
  shardRanges,
} from "./shard-ranges.js";
export { defineBotStack } from "./stack.js";

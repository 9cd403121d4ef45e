/**
 * Thrown when the bot stack's `aws:region` differs from the infra stack's `region` output. The bot's cluster, task
 * and roles live in its own region, while the events API it signs for lives in the infra stack's; with two regions
 * the task's `AWS_REGION`, the token parameter's ARN and the place the operator created the parameter (the bot
 * stack's region, per the README) disagree, and which one wins depends on the code path. One region removes the
 * question.
 */
export class RegionMismatchError extends Error {
  override readonly name = "RegionMismatchError";
  readonly code = "STEPCORD_REGION_MISMATCH";
  readonly botRegion: string;
  readonly infraRegion: string;

  constructor(args: { botRegion: string; infraRegion: string; infraStack: string }) {
    super(
      `The stepcord-bot stack deploys to ${args.botRegion} (aws:region) but its infra stack ${args.infraStack} is in ` +
        `${args.infraRegion}. Deploy the bot in the infra stack's region: \`pulumi config set aws:region ${args.infraRegion}\`, ` +
        "or point stepcord-bot:infraStack at an infra stack in " +
        `${args.botRegion}.`,
    );
    this.botRegion = args.botRegion;
    this.infraRegion = args.infraRegion;
  }
}

/** The one region both stacks share, or a RegionMismatchError naming both and the fix. */
export function sharedRegion(args: { botRegion: string; infraRegion: string; infraStack: string }): string {
  if (args.botRegion !== args.infraRegion) throw new RegionMismatchError(args);
  return args.botRegion;
}

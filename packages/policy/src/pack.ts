// The policy pack's entry point, run by the Pulumi CLI: `pulumi preview --policy-pack packages/policy`.
import { PolicyPack } from "@pulumi/policy";
import { STEPCORD_POLICIES } from "./rules.js";

new PolicyPack("stepcord", { policies: STEPCORD_POLICIES });

export * from "./trust-policy.js";
export * from "./deploy-policy.js";

export * from "./deploy-policy.js";
export * from "./trust-policy.js";

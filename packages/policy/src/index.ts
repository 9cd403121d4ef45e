export { STEPCORD_POLICIES } from "./rules.js";

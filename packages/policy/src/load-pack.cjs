// The policy pack's entry point as the Pulumi CLI starts it (docs/decisions/0023-policy-pack-loader.md).
//
// The nodejs language host runs `node <@pulumi/pulumi/cmd/run-policy-pack> <nodeargs> <engine> <pack dir>`
// (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin): nodeargs land after the script, so a
// `--import tsx` there never reaches node. run-policy-pack then registers its own ts-node whatever PulumiPolicy.yaml
// says and `require`s this directory, i.e. package.json's `main` (@pulumi/pulumi cmd/run-policy-pack/index.js and
// run.js). So `main` is this CommonJS file, which ts-node leaves alone: it loads pack.ts through tsx's ESM loader,
// scoped to that import, and hands run.js the promise, which it awaits, so a load error fails the launch.
const { tsImport } = require("tsx/esm/api");

module.exports = tsImport("./pack.ts", __filename);

import { task } from "hardhat/config";
import { HardhatPluginError } from "hardhat/plugins";
import { collectionSettingProblems, DEVELOPMENT_CHAINS } from "../config/networks";
import { livePlan, planText } from "./lib/live-plan";
import { failureMessage } from "./lib/common";

/**
 * hardhat-deploy's `deploy`, preceded on live networks by the pre-flight (tasks/lib/live-plan.ts):
 * every value checked before the first transaction, the plan printed, and with `--dry-run` nothing
 * sent. Mistakes are one line each, without a stack trace.
 */
task("deploy")
  .addFlag("dryRun", "Live networks: check everything and print the plan; send nothing")
  .setAction(async (args: { dryRun?: boolean }, hre, runSuper) => {
    try {
      if (DEVELOPMENT_CHAINS.includes(hre.network.name)) {
        checkSettings();
        if (args.dryRun) {
          console.log(
            `Dry run on ${hre.network.name}: a development chain gets Chainlink's VRF coordinator mock and MockV3Aggregator, a funded mock subscription, the renderer, the libraries, the World proxy and the collection proxy subscribed to it. Nothing sent.`,
          );
          return;
        }
        return await runSuper(args);
      }
      await hre.run("compile", { quiet: true });
      const plan = await livePlan(hre);
      console.log(planText(plan, hre));
      if (args.dryRun) {
        console.log("Dry run: nothing sent.");
        return;
      }
      return await runSuper(args);
    } catch (err) {
      console.error(`Error: ${await failureMessage(err, hre)}`);
      process.exitCode = 1;
    }
  });

/** The collection settings' problems, all at once, before a development deploy sends anything. */
function checkSettings(): void {
  const problems = collectionSettingProblems();
  if (problems.length === 1) throw new HardhatPluginError("vivarium", problems[0]);
  if (problems.length > 1)
    throw new HardhatPluginError("vivarium", `the collection settings:\n  - ${problems.join("\n  - ")}`);
}

/** `hardhat node` deploys on start: a bad collection setting is one line before the node starts. */
task("node").setAction(async (args: Record<string, unknown>, _hre, runSuper) => {
  try {
    if (!args.noDeploy) checkSettings();
  } catch (err) {
    console.error(`Error: ${(err as Error).message}`);
    process.exit(1);
  }
  return runSuper(args);
});

import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { LIVE_NETWORKS } from "../../config/networks";

const fail = (message: string) => new HardhatPluginError("vivarium", message);

/** The host of an RPC URL, never its path or query (which often carry an API key). */
export function rpcHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "an unparsable URL";
  }
}

/** The environment a live network needs before any request: its RPC URL variable and a valid key. */
export function checkLiveEnvironment(network: string): void {
  const live = LIVE_NETWORKS[network];
  if (!live) return;
  const url = process.env[live.rpcEnv];
  if (!url)
    throw fail(
      `${live.rpcEnv} is not set: put ${network}'s RPC URL in .env (copy .env.example) or export it in your shell`,
    );
  if (!/^https?:\/\//.test(url)) throw fail(`${live.rpcEnv} must be an http(s) URL; got "${url.slice(0, 12)}..."`);
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (!key)
    throw fail(
      `DEPLOYER_PRIVATE_KEY is not set: put the deployer's key (0x + 64 hex digits) in .env to use ${network}`,
    );
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw fail("DEPLOYER_PRIVATE_KEY must be 0x followed by 64 hex digits");
}

/**
 * Fails in one line when the selected network cannot be used: a live network without its RPC URL or
 * key, an RPC that is down or serves another chain, or no node on localhost.
 */
export async function checkNetwork(hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = hre.network.name;
  if (name === "hardhat") return;
  checkLiveEnvironment(name);
  const config = hre.network.config as { url?: string; chainId?: number };
  const live = LIVE_NETWORKS[name];
  let chainId: number;
  try {
    chainId = Number(await hre.network.provider.send("eth_chainId", []));
  } catch (err) {
    const text = String((err as Error).message ?? err);
    const wrong = /connected to a chain with id (\d+)/i.exec(text);
    if (wrong)
      throw fail(`${live?.rpcEnv ?? name} serves chain ${wrong[1]}, not ${name} (${config.chainId}): check the URL`);
    if (name === "localhost")
      throw fail(`no node answers at ${config.url}: start one with \`npx hardhat node\` in another terminal`);
    throw fail(`cannot reach ${live?.rpcEnv ?? name} (${rpcHost(config.url ?? "")}): ${text.split("\n")[0]}`);
  }
  if (config.chainId !== undefined && chainId !== config.chainId)
    throw fail(`${live?.rpcEnv ?? name} serves chain ${chainId}, not ${name} (${config.chainId}): check the URL`);
}

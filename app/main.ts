/**
 * The holder's app: one page, routed by its hash.
 *   #/              the World and its collections
 *   #/c/<address>   a collection: supply, sale, mint and allowlist mint, its tokens
 *   #/mine          the connected holder's tokens in every collection
 *   #/t/<address>/<id>  a token: art, traits, reveal countdown, nurture and metamorphose, its life
 *   #/world         the World: price chart, moods, next-epoch countdown, advance-epoch
 * Reads go through JSON-RPC (config.rpc) or the indexer (config.indexer); transactions through the
 * wallet, each simulated first. Everything the chain computes is read, never recomputed here.
 */
import { BrowserProvider, Contract, getAddress, Interface, JsonRpcProvider, type Provider } from "ethers";
import ABIS from "vivarium:abis";
import { cohortView, notReady, revealView } from "../client/cohorts";
import type { CollectionSummary, TokenSummary, VivariumData } from "../client/data";
import { describeError } from "../client/errors";
import { CollectionHistory, type ChainReader } from "../client/history";
import { IndexerSource } from "../client/indexer-source";
import { decodeTokenUri, type TokenMetadata } from "../client/metadata";
import { RpcSource } from "../client/rpc-source";
import { explainTemperament } from "../client/traits";
import { duration, eth, price, vitalityPercent, when } from "../client/units";
import { lineChart } from "./chart";
import { discoverWallets, injectedWallet, type Wallet } from "./wallet";

/** Written into the page by the build (scripts/app-build.ts); `?rpc=&world=&indexer=` override it. */
interface AppConfig {
  chainId: number;
  rpc: string;
  world: string;
  indexer?: string;
  /** Deploy blocks of the collections, by lower-case address: where their history starts. */
  deployBlocks?: Record<string, number>;
  priceDecimals?: number;
}

const query = new URLSearchParams(location.search);
const base = (window as unknown as { VIVARIUM_CONFIG: AppConfig }).VIVARIUM_CONFIG;
const config: AppConfig = {
  ...base,
  rpc: query.get("rpc") ?? base.rpc,
  world: query.get("world") ?? base.world,
  indexer: query.get("indexer") ?? base.indexer,
};

const IFACES = [new Interface(ABIS.LivingAsset), new Interface(ABIS.World)];
const PAGE_SIZE = 24;
const MOOD_COLOR: Record<string, string> = { Calm: "#6b8f84", Sunny: "#e0a526", Stormy: "#5b5fc7" };

// No sharing of identical requests (ethers shares them for 250 ms by default): a read of the
// latest block right after a transaction is mined must not get an answer from before it.
const read: Provider = new JsonRpcProvider(config.rpc, config.chainId, {
  staticNetwork: true,
  polling: true,
  cacheTimeout: -1,
});
const chain: ChainReader = {
  provider: read,
  contract: (name, address) => new Contract(address, ABIS[name], read),
  deployBlockOf: async (address) => config.deployBlocks?.[address.toLowerCase()],
};
const rpcData = new RpcSource(chain, config.world);
/** The indexer when one is configured (large collections), else the chain itself. */
const data: VivariumData = config.indexer ? new IndexerSource(config.indexer) : rpcData;

const state: { wallets: Wallet[]; wallet?: Wallet; account?: string; route: string; busy: boolean } = {
  wallets: [],
  route: "",
  busy: false,
};

// ---------------------------------------------------------------------------------------------
// DOM helpers

type Child = Node | string | false | null | undefined;
function h(tag: string, attrs: Record<string, string | boolean | ((e: Event) => void)> = {}, ...children: Child[]) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c !== false && c !== null && c !== undefined) el.append(c);
  return el;
}
const $ = (id: string) => document.getElementById(id)!;
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
function svgNode(markup: string): Node {
  const t = document.createElement("template");
  t.innerHTML = markup;
  return t.content;
}
function img(src: string, alt: string, testid = ""): HTMLElement {
  return h("img", { src, alt, ...(testid ? { "data-testid": testid } : {}) });
}

// ---------------------------------------------------------------------------------------------
// Chain time, art and errors

async function chainNow(): Promise<number> {
  return (await read.getBlock("latest"))!.timestamp;
}

async function humanError(err: unknown): Promise<string> {
  let now: number | undefined;
  try {
    now = await chainNow();
  } catch {
    /* the message reads without the countdown */
  }
  return describeError(err, IFACES, { now, priceDecimals: config.priceDecimals });
}

async function artOf(collection: string, tokenId: number): Promise<{ metadata: TokenMetadata; svg: string }> {
  return decodeTokenUri(await chain.contract("LivingAsset", collection).tokenURI(tokenId));
}

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

// ---------------------------------------------------------------------------------------------
// Wallet and transactions

function renderWallet(): void {
  const box = $("wallet");
  box.replaceChildren();
  if (state.account) {
    box.append(h("span", { class: "addr", "data-testid": "account" }, short(state.account)));
    return;
  }
  const choices = state.wallets.length ? state.wallets : [injectedWallet()].filter((w): w is Wallet => !!w);
  if (!choices.length) {
    box.append(h("span", { class: "muted" }, "no wallet found: reading only"));
    return;
  }
  for (const w of choices)
    box.append(h("button", { onclick: () => void connect(w), "data-testid": "connect" }, `Connect ${w.info.name}`));
}

async function connect(wallet: Wallet): Promise<void> {
  try {
    const accounts = (await wallet.provider.request({ method: "eth_requestAccounts" })) as string[];
    const chainId = Number(await wallet.provider.request({ method: "eth_chainId" }));
    if (chainId !== config.chainId) {
      await wallet.provider.request({
        method: "wallet_switchEthereumChain",
        params: [{ chainId: `0x${config.chainId.toString(16)}` }],
      });
    }
    state.wallet = wallet;
    state.account = getAddress(accounts[0]);
    renderWallet();
    await render();
  } catch (err) {
    notice(`Could not connect: ${await humanError(err)}`);
  }
}

function notice(text: string): void {
  $("notice").replaceChildren(text ? h("p", { class: "error" }, text) : "");
}

/**
 * Send `method(args)` on `contract` from the connected account: simulated first (a refusal shows
 * the contract's error in words and asks nothing of the wallet), then signed in the wallet, then
 * followed: pending, mined or failed.
 */
async function send(label: string, contract: Contract, method: string, args: unknown[], value = 0n): Promise<boolean> {
  const box = $("tx");
  const show = (s: string, text: string) =>
    box.replaceChildren(h("div", { class: "tx", "data-state": s, "data-testid": "tx" }, `${label}: ${text}`));
  if (!state.wallet || !state.account) {
    show("failed", "connect a wallet first");
    return false;
  }
  try {
    show("simulating", "simulating…");
    await contract.getFunction(method).staticCall(...args, { from: state.account, value });
  } catch (err) {
    show("failed", `refused: ${await humanError(err)}`);
    return false;
  }
  try {
    show("signing", "confirm in your wallet…");
    const signer = await new BrowserProvider(state.wallet.provider).getSigner(state.account);
    const fn = (contract.connect(signer) as Contract).getFunction(method);
    // A fifth over the estimate: advanceEpoch checks that each hook gets its full allowance, and an
    // estimate made a block before can fall a few gas short of it.
    const gasLimit = ((await fn.estimateGas(...args, { value })) * 6n) / 5n;
    const tx = await fn(...args, { value, gasLimit });
    show("pending", `pending ${tx.hash}`);
    const receipt = await tx.wait();
    if (!receipt || receipt.status !== 1) throw new Error(`transaction ${tx.hash} failed`);
    show("mined", `mined in block ${receipt.blockNumber} (${tx.hash})`);
    await render();
    return true;
  } catch (err) {
    show("failed", `failed: ${await humanError(err)}`);
    return false;
  }
}

/**
 * A button that is enabled when the call would succeed now from the connected account, else
 * disabled with the contract's reason beside it.
 */
async function actionButton(label: string, contract: Contract, method: string, args: unknown[], value = 0n) {
  const button = h("button", { "data-testid": `action-${method}` }, label) as HTMLButtonElement;
  const why = h("span", { class: "why", "data-testid": `why-${method}` });
  button.onclick = () => void send(label, contract, method, args, value);
  if (!state.account) {
    button.disabled = true;
    why.textContent = "connect a wallet to act";
  } else {
    try {
      await contract.getFunction(method).staticCall(...args, { from: state.account, value });
    } catch (err) {
      button.disabled = true;
      why.textContent = await humanError(err);
    }
  }
  return h("div", { class: "row" }, button, why);
}

// ---------------------------------------------------------------------------------------------
// Pages

function tokenCard(t: TokenSummary, image?: string): HTMLElement {
  return h(
    "a",
    {
      class: "card",
      href: `#/t/${t.collection}/${t.tokenId}`,
      "data-testid": "token-card",
      "data-token": String(t.tokenId),
    },
    image ? img(image, `token ${t.tokenId}`) : "",
    h("h3", {}, `#${t.tokenId} ${t.stage}`),
    h(
      "div",
      { class: "muted" },
      t.revealed
        ? `${t.temperament} · vitality ${vitalityPercent(t.vitality)} · gen ${t.generation}`
        : "egg: not yet revealed",
    ),
  );
}

/**
 * Cards for `total` tokens, PAGE_SIZE at a time with their art: `load(offset, count)` reads a page
 * only when it is shown, so the first card does not wait for the whole collection.
 */
function tokenGrid(total: number, load: (offset: number, count: number) => Promise<TokenSummary[]>): HTMLElement {
  const grid = h("div", { class: "grid", "data-testid": "token-grid" });
  let shown = 0;
  const more = h("button", { "data-testid": "more" }, "more") as HTMLButtonElement;
  const page = async () => {
    const next = await load(shown, PAGE_SIZE);
    shown += PAGE_SIZE;
    more.hidden = shown >= total;
    const arts = await Promise.all(next.map((t) => artOf(t.collection, t.tokenId).catch(() => undefined)));
    next.forEach((t, i) => grid.append(tokenCard(t, arts[i]?.metadata.image as string | undefined)));
  };
  more.onclick = () => void page();
  void page();
  return h("div", {}, grid, total > PAGE_SIZE ? more : "");
}

/** A grid of tokens already read. */
function listGrid(tokens: TokenSummary[]): HTMLElement {
  return tokenGrid(tokens.length, async (offset, count) => tokens.slice(offset, offset + count));
}

async function homePage(): Promise<Node[]> {
  const [collections, world] = await Promise.all([data.collections(), worldSummary()]);
  return [
    h("h2", {}, "World"),
    h("p", {}, `Epoch ${world.epoch} · mood ${world.mood} · `, h("a", { href: "#/world" }, "the world's page")),
    h("h2", {}, "Collections"),
    h("div", { class: "grid" }, ...collections.map(collectionCard)),
  ];
}

function collectionCard(c: CollectionSummary): HTMLElement {
  return h(
    "a",
    { class: "card", href: `#/c/${c.address}`, "data-testid": "collection-card" },
    h("h3", {}, `${c.name} (${c.symbol})`),
    h("div", {}, `${c.totalSupply} of ${c.maxSupply} minted`),
    h("div", { class: "muted" }, `${eth(BigInt(c.priceWei))} · sale ${c.saleOpen ? "open" : "closed"}`),
  );
}

async function worldSummary() {
  const w = chain.contract("World", config.world);
  const [[epochCount, mood], nextAt, now] = await Promise.all([w.state(), w.nextEpochAt(), chainNow()]);
  return {
    epoch: Number(epochCount),
    mood: ["Calm", "Sunny", "Stormy"][Number(mood)],
    nextAt: Number(nextAt),
    now,
  };
}

async function collectionPage(address: string): Promise<Node[]> {
  const c = (await data.collections()).find((x) => x.address.toLowerCase() === address.toLowerCase());
  if (!c) return [h("p", { class: "error" }, `no collection ${address} in this World`)];
  const contract = chain.contract("LivingAsset", c.address);
  const qty = h("input", { type: "number", min: "1", value: "1", "data-testid": "quantity" }) as HTMLInputElement;
  const mintBox = h("div", {});
  const drawMint = async () => {
    const n = BigInt(Math.max(1, Number(qty.value) || 1));
    mintBox.replaceChildren(
      await actionButton(`Mint for ${eth(BigInt(c.priceWei) * n)}`, contract, "mint", [n], BigInt(c.priceWei) * n),
    );
  };
  qty.onchange = () => void drawMint();
  await drawMint();
  const file = h("input", { type: "file", accept: ".json", "data-testid": "proofs" }) as HTMLInputElement;
  const allowBox = h("div", {});
  file.onchange = () => void allowlistMint(c, contract, file, qty, allowBox);
  return [
    h("h2", {}, `${c.name} (${c.symbol})`),
    h("p", { class: "addr" }, c.address),
    h(
      "table",
      {},
      h("tr", {}, h("th", {}, "minted"), h("td", { "data-testid": "supply" }, `${c.totalSupply} of ${c.maxSupply}`)),
      h("tr", {}, h("th", {}, "price"), h("td", {}, eth(BigInt(c.priceWei)))),
      h(
        "tr",
        {},
        h("th", {}, "sale"),
        h(
          "td",
          {},
          `${c.paused ? "paused" : c.saleOpen ? "open" : "closed"}, at most ${c.maxPerMint} a mint, ${c.maxPerWallet} a wallet`,
        ),
      ),
      h(
        "tr",
        {},
        h("th", {}, "allowlist"),
        h(
          "td",
          {},
          /^0x0{64}$/.test(c.allowlist.root)
            ? "none"
            : `${c.allowlist.open ? "open" : "closed"}, ${eth(BigInt(c.allowlist.priceWei))}`,
        ),
      ),
      h("tr", {}, h("th", {}, "epoch"), h("td", {}, String(c.epoch))),
    ),
    h("section", {}, h("h2", {}, "Mint"), h("div", { class: "row" }, "quantity ", qty), mintBox),
    h(
      "section",
      {},
      h("h2", {}, "Allowlist mint"),
      h("p", { class: "muted" }, "the proofs file from `allowlist build --out`"),
      file,
      allowBox,
    ),
    h("h2", { "data-testid": "token-count" }, `Tokens (${c.totalSupply})`),
    tokenGrid(c.totalSupply, (offset, count) => data.tokenRange(c.address, offset + 1, count)),
  ];
}

async function allowlistMint(
  c: CollectionSummary,
  contract: Contract,
  file: HTMLInputElement,
  qty: HTMLInputElement,
  box: HTMLElement,
): Promise<void> {
  try {
    const list = JSON.parse(await file.files![0].text()) as {
      entries: { address: string; allowance: number; proof: string[] }[];
    };
    const entry = list.entries.find((e) => e.address.toLowerCase() === state.account?.toLowerCase());
    if (!entry) {
      box.replaceChildren(h("p", { class: "why" }, `${state.account ?? "no connected account"} is not on this list`));
      return;
    }
    const n = BigInt(Math.max(1, Number(qty.value) || 1));
    const value = BigInt(c.allowlist.priceWei) * n;
    box.replaceChildren(
      await actionButton(
        `Allowlist mint for ${eth(value)}`,
        contract,
        "mintAllowlist",
        [n, entry.allowance, entry.proof],
        value,
      ),
    );
  } catch (err) {
    box.replaceChildren(h("p", { class: "error" }, `not a proofs file: ${(err as Error).message}`));
  }
}

async function minePage(): Promise<Node[]> {
  if (!state.account) return [h("p", {}, "Connect a wallet to see your tokens.")];
  const collections = await data.collections();
  const mine = (await Promise.all(collections.map((c) => data.tokens(c.address, state.account)))).flat();
  return [
    h("h2", {}, `Your tokens (${mine.length})`),
    mine.length ? listGrid(mine) : h("p", {}, "None yet: mint one."),
  ];
}

/** An egg's reveal: when its open cohort may be revealed, or that its VRF word is on its way. */
async function revealNote(contract: Contract, t: TokenSummary): Promise<Node> {
  const [view, now] = await Promise.all([revealView(contract), chainNow()]);
  if (BigInt(t.tokenId) >= view.openCohort.firstTokenId) {
    const why = notReady(view, now);
    return h(
      "div",
      {},
      h(
        "p",
        { "data-testid": "countdown" },
        why ? `Its cohort is open: ${why}.` : "Its cohort may be revealed now: anyone may ask for its word.",
      ),
      await actionButton("Reveal the cohort", contract, "reveal", []),
    );
  }
  const c = await cohortView(contract, Number(await contract.cohortIdOf(t.tokenId)));
  const text =
    c.state === "refused"
      ? `The coordinator refused its cohort's request (${when(c.requestedAt, now)}): anyone may re-request it.`
      : `Its cohort's word was asked of Chainlink VRF ${when(c.requestedAt, now)}: it hatches when the word arrives.`;
  return h("p", { "data-testid": "countdown" }, text);
}

async function tokenPage(address: string, tokenId: number): Promise<Node[]> {
  const collection = getAddress(address);
  const contract = chain.contract("LivingAsset", collection);
  const [t, art] = await Promise.all([data.token(collection, tokenId), artOf(collection, tokenId)]);
  const holder = state.account?.toLowerCase() === t.owner.toLowerCase();
  const attrs = (art.metadata.attributes ?? []) as { trait_type: string; value: unknown }[];
  const actions = h(
    "section",
    {},
    h("h2", {}, "Act"),
    await actionButton("Nurture", contract, "nurture", [tokenId]),
    await actionButton("Metamorphose", contract, "metamorphose", [tokenId]),
  );
  return [
    h("h2", {}, `${art.metadata.name ?? `#${tokenId}`}`),
    h(
      "div",
      { class: "split" },
      h("div", { class: "art" }, img(art.metadata.image as string, `token ${tokenId}`, "art")),
      h(
        "div",
        {},
        h("p", {}, "Holder ", h("span", { class: "addr", "data-testid": "owner" }, t.owner), holder ? " (you)" : ""),
        h(
          "table",
          { "data-testid": "traits" },
          h("tr", {}, h("th", {}, "Stage"), h("td", { "data-testid": "stage" }, t.stage)),
          h("tr", {}, h("th", {}, "Vitality"), h("td", { "data-testid": "vitality" }, vitalityPercent(t.vitality))),
          h("tr", {}, h("th", {}, "Generation"), h("td", { "data-testid": "generation" }, String(t.generation))),
          t.revealed && h("tr", {}, h("th", {}, "Temperament"), h("td", {}, explainTemperament(t.temperament))),
          ...attrs
            .filter((a) => !["Stage", "Vitality", "Generation", "Temperament"].includes(a.trait_type))
            .map((a) => h("tr", {}, h("th", {}, a.trait_type), h("td", {}, String(a.value)))),
        ),
        !t.revealed && (await revealNote(contract, t)),
        actions,
      ),
    ),
    await lifeSection(collection, tokenId),
  ];
}

/** The token's life: vitality over its epochs, a scrubber showing its art at any past epoch, its events. */
async function lifeSection(collection: string, tokenId: number): Promise<Node> {
  const [life, history] = await Promise.all([
    data.life(collection, tokenId),
    CollectionHistory.load(chain, collection),
  ]);
  const { first, last } = await history.epochRange(tokenId);
  const step = Math.max(1, Math.ceil((last - first) / 60));
  const epochs: number[] = [];
  for (let e = first; e < last; e += step) epochs.push(e);
  epochs.push(last);
  const phenotypes = await Promise.all(epochs.map((e) => history.phenotypeAt(tokenId, e)));
  const points = epochs.map((e, i) => ({ x: e, y: Number(phenotypes[i].vitality) / 100 }));
  const chartBox = h("div", { "data-testid": "life-chart" });
  const drawChart = (marker: number) =>
    chartBox.replaceChildren(
      svgNode(lineChart(points, { yLabel: (y) => `${y.toFixed(0)}%`, xLabel: "epoch", marker })),
    );
  drawChart(last);
  const slider = h("input", {
    type: "range",
    min: String(first),
    max: String(last),
    value: String(last),
    "data-testid": "scrubber",
  }) as HTMLInputElement;
  const label = h("span", { "data-testid": "scrub-epoch" }, `epoch ${last}`);
  const pastArt = h("div", { class: "art", "data-testid": "past-art" });
  let drawn = 0;
  const scrub = async () => {
    const epoch = Number(slider.value);
    const n = ++drawn;
    label.textContent = `epoch ${epoch} (loading)`;
    drawChart(epoch);
    const { svg } = decodeTokenUri(await history.tokenURIAt(tokenId, epoch));
    if (n !== drawn) return;
    pastArt.replaceChildren(img(svgDataUri(svg), `token ${tokenId} at epoch ${epoch}`, "past-image"));
    label.textContent = `epoch ${epoch}`;
    label.setAttribute("data-epoch", String(epoch));
  };
  slider.oninput = () => void scrub();
  await scrub();
  return h(
    "section",
    {},
    h("h2", {}, "Life"),
    h(
      "div",
      { class: "split" },
      h("div", {}, slider, label, pastArt),
      h("div", {}, h("p", { class: "muted" }, "vitality by epoch"), chartBox),
    ),
    h(
      "table",
      { "data-testid": "life" },
      h("tr", {}, h("th", {}, "epoch"), h("th", {}, "event"), h("th", {}, "holder")),
      ...life.map((e) =>
        h("tr", {}, h("td", {}, String(e.epoch)), h("td", {}, e.kind), h("td", { class: "addr" }, short(e.holder))),
      ),
    ),
  );
}

async function worldPage(): Promise<Node[]> {
  const w = chain.contract("World", config.world);
  const [summary, epochs, decimals] = await Promise.all([
    worldSummary(),
    data.epochs(config.world),
    config.priceDecimals ?? feedDecimals(w),
  ]);
  const points = epochs.map((e) => ({
    x: e.epoch,
    y: Number(e.price) / 10 ** decimals,
    color: MOOD_COLOR[e.mood],
    label: `epoch ${e.epoch}: ${price(BigInt(e.price), decimals)}, ${e.mood}`,
  }));
  const wait = summary.nextAt - summary.now;
  const moods = ["Calm", "Sunny", "Stormy"].map((m) => `${m} ${epochs.filter((e) => e.mood === m).length}`).join(" · ");
  return [
    h("h2", {}, "World"),
    h("p", { class: "addr" }, config.world),
    h("p", {}, `Epoch ${summary.epoch}, mood ${summary.mood}. Moods so far: ${moods}.`),
    h(
      "p",
      { "data-testid": "next-epoch" },
      wait > 0 ? `The next epoch is due in ${duration(wait)}.` : "The next epoch is due: anyone may advance the world.",
    ),
    await actionButton("Advance the world", w, "advanceEpoch", []),
    h(
      "div",
      { "data-testid": "price-chart" },
      svgNode(lineChart(points, { yLabel: (y) => y.toFixed(2), xLabel: "epoch" })),
    ),
    h(
      "table",
      {},
      h("tr", {}, h("th", {}, "epoch"), h("th", {}, "price"), h("th", {}, "move"), h("th", {}, "mood")),
      ...epochs
        .slice(-12)
        .reverse()
        .map((e) =>
          h(
            "tr",
            {},
            h("td", {}, String(e.epoch)),
            h("td", {}, price(BigInt(e.price), decimals)),
            h("td", {}, `${(e.moveBps / 100).toFixed(2)}%`),
            h("td", {}, e.mood),
          ),
        ),
    ),
  ];
}

async function feedDecimals(world: Contract): Promise<number> {
  const feed = new Contract((await world.feedConfig()).feed, ["function decimals() view returns (uint8)"], read);
  return Number(await feed.decimals());
}

// ---------------------------------------------------------------------------------------------
// Router, refresh on the collection's ERC-4906 / ERC-7496 events and the world's epochs

/** The page shown: the URL's fragment when the page can have one. */
let current = location.hash.slice(1) || "/";

/**
 * Show `route`. The URL follows when the page may rewrite it; a page opened from a `data:` URL (the
 * app as stored on chain) may not, and keeps its route here.
 */
function navigate(route: string): void {
  current = route;
  try {
    if (location.hash.slice(1) !== route) history.pushState(null, "", `#${route}`);
  } catch {
    /* a data: page cannot rewrite its URL */
  }
  void render();
}

/** Renders started so far: only the latest may write the page (an older one may end later). */
let renders = 0;

async function render(): Promise<void> {
  const route = current;
  const id = ++renders;
  state.route = route;
  for (const a of document.querySelectorAll("header nav a"))
    a.classList.toggle("active", (a as HTMLAnchorElement).getAttribute("href") === `#${route}`);
  const main = $("main");
  main.setAttribute("aria-busy", "true");
  let nodes: Node[];
  try {
    const parts = route.split("/").filter(Boolean);
    if (parts[0] === "c" && parts[1]) nodes = await collectionPage(parts[1]);
    else if (parts[0] === "t" && parts[1] && parts[2]) nodes = await tokenPage(parts[1], Number(parts[2]));
    else if (parts[0] === "mine") nodes = await minePage();
    else if (parts[0] === "world") nodes = await worldPage();
    else nodes = await homePage();
  } catch (err) {
    nodes = [h("p", { class: "error" }, await humanError(err))];
  }
  // A render that started before this one's may end after it: its reads are older, so it is dropped.
  if (id !== renders) return;
  main.replaceChildren(...nodes);
  main.setAttribute("data-route", route);
  main.setAttribute("aria-busy", "false");
  main.setAttribute("data-rendered", String(Date.now()));
}

/** ERC-4906 and ERC-7496 (the collection's), the world's epochs, and transfers. */
const REFRESH_EVENTS = [
  "MetadataUpdate",
  "BatchMetadataUpdate",
  "TraitUpdated",
  "TraitUpdatedRange",
  "EpochAdvanced",
  "Transfer",
  "MetamorphosisRequested",
];

/** Re-render when a new block carries one of the events that change what the page shows. */
function watch(): void {
  const topics = REFRESH_EVENTS.map((name) => IFACES.map((i) => i.getEvent(name)?.topicHash).find(Boolean)).filter(
    (t): t is string => !!t,
  );
  let last = -1;
  const tick = async () => {
    try {
      const head = await read.getBlockNumber();
      if (last >= 0 && head > last && !document.querySelector('[data-state="signing"],[data-state="pending"]')) {
        const logs = await read.getLogs({ fromBlock: last + 1, toBlock: head, topics: [topics] });
        if (logs.length) await render();
      }
      last = head;
    } catch {
      /* the node may be restarting: try again */
    }
    setTimeout(() => void tick(), 1500);
  };
  void tick();
}

function shell(): void {
  document.body.replaceChildren(
    h(
      "header",
      {},
      h("h1", {}, "Vivarium"),
      h(
        "nav",
        {},
        h("a", { href: "#/" }, "Collections"),
        h("a", { href: "#/mine" }, "My tokens"),
        h("a", { href: "#/world" }, "World"),
      ),
      h("div", { id: "wallet" }),
    ),
    h("main", {}, h("div", { id: "notice" }), h("div", { id: "tx" }), h("div", { id: "main" })),
  );
}

shell();
state.wallets = discoverWallets((wallets) => {
  state.wallets = wallets;
  renderWallet();
});
renderWallet();
// In-page links navigate here (a data: page may not navigate to its own fragment).
document.addEventListener("click", (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  navigate(a.getAttribute("href")!.slice(1));
});
for (const event of ["hashchange", "popstate"])
  window.addEventListener(event, () => {
    current = location.hash.slice(1) || "/";
    void render();
  });
void render();
watch();

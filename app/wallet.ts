/**
 * Wallets: EIP-6963 discovery (each wallet announces itself; the page asks them to), with the
 * injected `window.ethereum` as the fallback when none announces.
 */
import type { Eip1193Provider } from "ethers";

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface Wallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

interface AnnounceEvent extends Event {
  detail: { info: WalletInfo; provider: Eip1193Provider };
}

/** Listens for EIP-6963 announcements, asks wallets to announce, and calls `onChange` with the list. */
export function discoverWallets(onChange: (wallets: Wallet[]) => void): Wallet[] {
  const wallets: Wallet[] = [];
  window.addEventListener("eip6963:announceProvider", (event) => {
    const { info, provider } = (event as AnnounceEvent).detail;
    if (!info?.uuid || wallets.some((w) => w.info.uuid === info.uuid)) return;
    wallets.push({ info, provider });
    onChange([...wallets]);
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  return wallets;
}

/** The injected provider of wallets that predate EIP-6963. */
export function injectedWallet(): Wallet | undefined {
  const ethereum = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
  if (!ethereum) return undefined;
  return { info: { uuid: "injected", name: "Browser wallet", icon: "", rdns: "injected" }, provider: ethereum };
}

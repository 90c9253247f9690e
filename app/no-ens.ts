/**
 * Stands in for `@adraffy/ens-normalize` in the app's bundle (37 KB of Unicode tables): the app
 * names contracts and holders by address only, never by ENS name, so ethers' name normalisation
 * is never reached. If it were, it says so instead of resolving a name wrongly.
 */
export function ens_normalize(name: string): string {
  throw new Error(`ENS names are not used by this app (asked to normalise "${name}"): use an address`);
}

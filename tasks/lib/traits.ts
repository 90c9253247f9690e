/**
 * Plain-words meaning of the traits the contracts compute (contracts/libraries/PhenotypeLib.sol),
 * for captions and cards. Words only: the rules themselves are read from the contract, never
 * recomputed here.
 */

/**
 * `PhenotypeLib.temperament`: over the token's life (the difference of two prefix sums of the
 * environment log), Serene when the market barely moved on average; otherwise Bold when the
 * up-moves beat the down-moves by more than a quarter, Wary the other way round, Restless in between.
 */
export const TEMPERAMENT_MEANING: Record<string, string> = {
  Serene: "the market barely moved in its lifetime",
  Bold: "lived through clearly more rises than falls",
  Wary: "lived through clearly more falls than rises",
  Restless: "lived through rises and falls in about equal measure",
};

/** `PhenotypeLib.mood`: the latest epoch's move against the mood threshold (one value for the whole world). */
export const MOOD_MEANING: Record<string, string> = {
  Calm: "the last epoch's price move stayed under the mood threshold",
  Sunny: "the price rose by at least the mood threshold in the last epoch",
  Stormy: "the price fell by at least the mood threshold in the last epoch",
};

/** "Bold: lived through clearly more rises than falls" (or just the name if it is unknown). */
export function explainTemperament(name: string): string {
  const meaning = TEMPERAMENT_MEANING[name];
  return meaning ? `${name}: ${meaning}` : name;
}

/**
 * Plain-words meaning of the traits the contracts compute (contracts/libraries/PhenotypeLib.sol),
 * for captions and cards. Words only: the rules themselves are read from the contract, never
 * recomputed here.
 */

/** `Stage` and `Temperament` (contracts/interfaces/IRenderer.sol), by their enum values. */
export const STAGES = ["Egg", "Hatchling", "Juvenile", "Adult", "Ascended"] as const;
export const TEMPERAMENTS = ["Serene", "Bold", "Wary", "Restless"] as const;
/** The world's moods by their `Mood` value (World.state, phenotypeOf). */
export const MOODS = ["Calm", "Sunny", "Stormy"] as const;

/** `phenotypeOf`'s answer as the app shows a token: names for the enums, numbers for the rest. */
export function phenotypeFields(p: Record<string, unknown>) {
  return {
    revealed: Boolean(p.revealed),
    stage: STAGES[Number(p.stage)] ?? String(p.stage),
    generation: Number(p.generation),
    metamorphosisPending: Boolean(p.metamorphosisPending),
    birthEpoch: Number(p.birthEpoch),
    age: Number(p.age),
    vitality: Number(p.vitality),
    temperament: TEMPERAMENTS[Number(p.temperament)] ?? String(p.temperament),
    mood: MOODS[Number(p.mood)] ?? `mood ${p.mood}`,
    nurtureCount: Number(p.nurtureCount),
  };
}

/**
 * `PhenotypeLib.temperament`: the market of the token's life (the difference of two prefix sums of
 * the environment log) as the token's own disposition (from its seed, fixed for life) feels it:
 * Serene when it felt the market barely move; otherwise Bold when the rises clearly outweighed the
 * falls, Wary the other way round, Restless in between. Tokens of one cohort live the same market
 * but differ in disposition, so their temperaments differ.
 */
export const TEMPERAMENT_MEANING: Record<string, string> = {
  Serene: "felt the market barely move in its lifetime (a calm nature)",
  Bold: "felt clearly more rises than falls (its nature leans bold)",
  Wary: "felt clearly more falls than rises (its nature leans wary)",
  Restless: "felt rises and falls in about equal measure",
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

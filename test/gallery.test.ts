import { expect } from "chai";
import { galleryHtml, splitSharedAttributes, type GalleryCard } from "../tasks/lib/render";

// The gallery's cards (tasks/lib/render.ts, issue 22): each card shows what differs between the
// tokens; what all share, and the notes several cards carry, are shown once above the grid.

const card = (tokenId: number, owner: string, stage: string, note?: string): GalleryCard => ({
  tokenId,
  title: `#${tokenId}`,
  png: `tokens/token-${tokenId}.png`,
  attributes: [
    { trait_type: "Owner", value: owner },
    { trait_type: "Stage", value: stage },
    { trait_type: "Mood", value: "Calm" },
    { trait_type: "Revealed", value: "true" },
  ],
  note,
});

/** The rows of each card and of the shared block, as the page shows them. */
function shown(html: string) {
  const cards = [...html.matchAll(/<figure class="card"[^>]*>(.*?)<\/figure>/g)].map((m) =>
    [...m[1].matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((r) => `${r[1]}=${r[2]}`),
  );
  const block = /<section class="shared" id="shared-attributes">(.*?)<\/section>/.exec(html)?.[1] ?? "";
  const shared = [...block.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/g)].map((r) => `${r[1]}=${r[2]}`);
  const notes = [...html.matchAll(/class="note">(.*?)<\/(p|li)>/g)].map((m) => m[1]);
  return { cards, shared, notes };
}

describe("gallery cards (tasks/lib/render.ts)", () => {
  it("galleryHtml shows on each card only the attributes that differ, those all tokens share once above the grid", () => {
    const html = galleryHtml("t — gallery", [
      card(1, "alice", "Egg", "Bold: rises"),
      card(2, "bob", "Egg", "Bold: rises"),
      card(3, "bob", "Adult", "Wary: falls"),
    ]);
    const { cards, shared, notes } = shown(html);
    expect(shared).to.deep.equal(["Mood=Calm", "Revealed=true"]);
    expect(cards).to.deep.equal([
      ["Owner=alice", "Stage=Egg (level 0 of 4)"],
      ["Owner=bob", "Stage=Egg (level 0 of 4)"],
      ["Owner=bob", "Stage=Adult (level 3 of 4)"],
    ]);
    // The note two cards carry is shown once (in the block); the one only #3 has stays on its card.
    expect(notes).to.deep.equal(["Bold: rises", "Wary: falls"]);
    expect(html).to.match(/<li class="note">Bold: rises<\/li>/);
    expect(html).to.match(/data-token-id="3">.*<p class="note">Wary: falls<\/p>/);
  });

  it("splitSharedAttributes keeps an attribute on the cards when one token lacks it or differs, and shares nothing for one card", () => {
    const a = card(1, "alice", "Egg");
    const b = { ...card(2, "alice", "Egg"), attributes: card(2, "alice", "Egg").attributes.slice(0, 3) };
    const split = splitSharedAttributes([a, b]);
    expect(split.shared.map((r) => r.trait_type)).to.deep.equal(["Owner", "Stage", "Mood"]);
    expect(split.cards.map((c) => c.rows.map((r) => r.trait_type))).to.deep.equal([["Revealed"], []]);
    const alone = splitSharedAttributes([card(1, "alice", "Egg", "Bold: rises")]);
    expect(alone.shared).to.deep.equal([]);
    expect(alone.cards[0].rows).to.have.length(4);
    expect(alone.cards[0].note).to.equal("Bold: rises");
    expect(shown(galleryHtml("t", [card(1, "alice", "Egg")])).shared).to.deep.equal([]);
  });
});

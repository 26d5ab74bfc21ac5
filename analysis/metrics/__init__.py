"""The metrics layer: each module is a pure function of an article's `Doc` (plus its lexicon)
returning evidence rows and a one-row summary: `sentiment` (VADER per sentence and voice),
`hedging` (hedges, boosters, distancing), `emphasis` (China against the US), `readability`,
`topics` (sub-topic coverage)."""
